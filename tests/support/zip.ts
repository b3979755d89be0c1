// Zips made by Info-ZIP's `zip` command (Debian's `zip`), as planners' machines make them: the archives the
// import suites read are never written by our own code.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * Writes `out` with `zip -j` (no folders) from files given as [name inside the zip, source path]; `args` are
 * extra `zip` options (e.g. `-fz` to force ZIP64 entries). Returns the archive's bytes.
 */
export function zipFiles(out: string, files: Array<[string, string]>, args: string[] = []): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'sigmun-zipsrc-'));
  try {
    for (const [name, src] of files) copyFileSync(src, join(dir, basename(name)));
    rmSync(out, { force: true });
    const r = spawnSync('zip', ['-q', '-j', ...args, out, ...files.map(([name]) => join(dir, basename(name)))], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`zip falló (${r.status}): ${r.stderr || r.error?.message}`);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
