// Servers under test run as child processes: on two cores the load generator must not share an event loop with
// the server, and the memory figure needs the server's own RSS.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export interface Child {
  base: string;
  pid: number;
  /** Resident set size of the child in bytes, from /proc. */
  rss: () => number;
  /** Last lines the child wrote to stderr, for error messages. */
  stderr: () => string;
  stop: () => Promise<void>;
}

function startChild(script: string, env: Record<string, string>, timeoutMs = 60_000): Promise<Child> {
  const child: ChildProcess = fork(join(here, '..', 'servers', script), [], {
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server (read with Chrome DevTools or bench/profile-top.ts).
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start in ${timeoutMs / 1000} s: ${err.trim().split('\n').slice(-3).join(' ')}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}: ${err.trim().split('\n').slice(-5).join(' ')}`));
    });
    child.once('message', (m) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const port = (m as { port: number }).port;
      resolve({
        base: `http://127.0.0.1:${port}`,
        pid: child.pid!,
        rss: () => {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
          return kb * 1024;
        },
        stderr: () => err,
        stop: () =>
          new Promise<void>((res) => {
            if (child.exitCode !== null) return res();
            const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(kill);
              res();
            });
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Starts the SIG Municipal server on 127.0.0.1 with a random port. */
export function startAppServer(opts: {
  databaseUrl: string;
  tileCacheBytes: number;
  logLevel: string;
  webDist?: string;
  tilesDir?: string;
  /** Where atlases are cached (the fichas suite's own scratch folder). */
  atlasDir?: string;
}): Promise<Child> {
  const { logLevel, ...config } = opts;
  const overrides = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
  return startChild('app-server.ts', {
    BENCH_SERVER_CONFIG: JSON.stringify(overrides),
    LOG_LEVEL: logLevel,
    TILE_CACHE_MB: String(Math.round(opts.tileCacheBytes / 1048576)),
  });
}

/** Starts the bisecting tile server (servers/minimal-tile-server.ts) with the given extra steps. */
export function startMinimalTileServer(databaseUrl: string, steps: ReadonlyArray<'versions' | 'gzip'>): Promise<Child> {
  return startChild('minimal-tile-server.ts', { BENCH_DATABASE_URL: databaseUrl, BENCH_MINIMAL: steps.join(',') });
}

/** Starts @fastify/static on `root` (127.0.0.1, random port). */
export function startStaticServer(root: string): Promise<Child> {
  return startChild('static-server.ts', { BENCH_STATIC_ROOT: root });
}

/** Starts bare node:http serving every file under `root` from memory. */
export function startMemoryServer(root: string): Promise<Child> {
  return startChild('memory-server.ts', { BENCH_STATIC_ROOT: root });
}
