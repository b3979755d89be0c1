// Temp folders of imports: `sigmun-upload-<pid>-*` (the API's uploaded files) and `sigmun-import-<pid>-*` (an
// extracted zip). Each is removed by its owner on every exit path; the pid in the name lets a later start remove
// the folders of a process that died before it could (a crash, a kill -9, a power cut).
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TempKind = 'upload' | 'import';

const PATTERN = /^sigmun-(upload|import)-(?:(\d+)-)?/;

/** Folders without a pid (older releases) are taken as abandoned after this long. */
const LEGACY_AGE_MS = 60 * 60 * 1000;

/** Creates a temp folder of this process under `root` (default: the OS temp dir). */
export function makeTempDir(kind: TempKind, root: string = tmpdir()): Promise<string> {
  return mkdtemp(join(root, `sigmun-${kind}-${process.pid}-`));
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the import temp folders under `root` left by processes that are gone (and pid-less ones older than an
 * hour); returns the names removed. Folders of live processes — another server, a CLI import — are left alone.
 */
export async function sweepTempDirs(root: string = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = PATTERN.exec(name);
    if (!m) continue;
    const path = join(root, name);
    try {
      const st = await stat(path);
      if (!st.isDirectory()) continue;
      const stale = m[2] ? !alive(Number(m[2])) : Date.now() - st.mtimeMs > LEGACY_AGE_MS;
      if (!stale) continue;
      await rm(path, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove: the next start tries again.
    }
  }
  return removed;
}
