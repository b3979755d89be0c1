import type { Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

/**
 * The regular file `rel` inside the folder `root`, resolved through any symlink, with its stat; null when it is
 * missing, not a regular file, or resolves outside `root` (a symlink in the documents or web folder to /etc/passwd
 * is not served). Callers read `path`, the resolved one, so a link swapped after the check cannot redirect the read.
 */
export async function containedFile(root: string, rel: string): Promise<{ path: string; stat: Stats } | null> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(join(root, rel));
    if (!real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)) return null;
    const st = await stat(real);
    return st.isFile() ? { path: real, stat: st } : null;
  } catch {
    return null;
  }
}
