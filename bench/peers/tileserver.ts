// tileserver-gl-light (https://github.com/maptiler/tileserver-gl), the PMTiles peer of the full bench (issue 16):
// installed by scripts/bootstrap.mjs into bench/tmp/tileserver (never a dependency of the product or the tests),
// run as its own process on 127.0.0.1 serving one archive as /data/{id}/{z}/{x}/{y}.pbf.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@sigmun/db';

const INSTALL = join(dirname(fileURLToPath(import.meta.url)), '..', 'tmp', 'tileserver', 'node_modules', 'tileserver-gl-light');

/** Why tileserver-gl-light cannot run here, or null. */
export function tileserverMissing(): string | null {
  return existsSync(join(INSTALL, 'src', 'main.js')) ? null : 'tileserver-gl-light is not installed in bench/tmp/tileserver (npm run bench installs it; its sqlite3 native build needs node-gyp)';
}

/** The installed version, for the report. */
export function tileserverVersion(): string {
  return (JSON.parse(readFileSync(join(INSTALL, 'package.json'), 'utf8')) as { version: string }).version;
}

export interface Tileserver {
  base: string;
  /** Path of tile z/x/y of the served archive. */
  tilePath: (z: number, x: number, y: number) => string;
  stop: () => Promise<void>;
}

/** Starts tileserver-gl-light on `file` (a .pmtiles archive) with request logging off, and waits for its TileJSON. */
export async function startTileserver(file: string): Promise<Tileserver> {
  const missing = tileserverMissing();
  if (missing) throw new Error(missing);
  const dir = dirname(file);
  const config = join(dir, 'tileserver-config.json');
  writeFileSync(config, JSON.stringify({ options: { paths: { root: dir, pmtiles: dir } }, data: { archive: { pmtiles: basename(file) } } }));
  const port = await freePort();
  let err = '';
  // --silent drops the log line of every 200/304 answer (as our servers run at LOG_LEVEL=warn).
  const child: ChildProcess = spawn(process.execPath, [join(INSTALL, 'src', 'main.js'), '--config', config, '--port', String(port), '--bind', '127.0.0.1', '--silent'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  child.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-2000);
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((res) => {
      if (child.exitCode !== null || child.signalCode !== null) return res();
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(kill);
        res();
      });
      child.kill('SIGTERM');
    });
  const end = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tileserver-gl-light exited with ${child.exitCode}: ${err.trim().split('\n').slice(-3).join(' ')}`);
    const ok = await fetch(`${base}/data/archive.json`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > end) {
      await stop();
      throw new Error(`tileserver-gl-light did not answer in 120 s: ${err.trim().split('\n').slice(-3).join(' ')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, tilePath: (z, x, y) => `/data/archive/${z}/${x}/${y}.pbf`, stop };
}
