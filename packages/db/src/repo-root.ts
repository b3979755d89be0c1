import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's top folder (the one whose package.json declares the workspaces). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'packages'))) return dir;
    const up = resolve(dir, '..');
    if (up === dir) throw new Error('No se encontró la raíz del repositorio (package.json con workspaces)');
    dir = up;
  }
}
