import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Files whose content decides the web bundle. */
const INPUTS = ['apps/web', 'packages/domain/src', 'packages/styles/src', 'vite.config.ts', 'package-lock.json'];

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (!/\.test\.tsx?$/.test(name)) out.push(p);
  }
}

/** A digest of every input of the web build, so an unchanged client is not rebuilt on the next start. */
export function webSourceDigest(root: string): string {
  const files: string[] = [];
  for (const i of INPUTS) {
    const p = join(root, i);
    if (!existsSync(p)) continue;
    if (statSync(p).isDirectory()) walk(p, files);
    else files.push(p);
  }
  const h = createHash('sha256');
  for (const f of files.sort()) h.update(relative(root, f)).update(readFileSync(f));
  return h.digest('hex').slice(0, 20);
}

/** Builds apps/web into apps/web/dist unless the last build came from the same sources. */
export async function ensureWebBuild(root: string, log: (m: string) => void): Promise<'built' | 'fresh'> {
  const dist = join(root, 'apps', 'web', 'dist');
  const stamp = join(dist, '.build-digest');
  const digest = webSourceDigest(root);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest && existsSync(join(dist, 'index.html'))) return 'fresh';
  log('Compilando el cliente web (Vite)…');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(stamp, digest);
  return 'built';
}
