import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensurePostgresBinaries, type PostgresBinaries } from './postgres-binaries.ts';
import { repoRoot } from './repo-root.ts';

/** Where the project's own cluster lives and how to reach it. */
export interface LocalCluster {
  dataDir: string;
  socketDir: string;
  logFile: string;
  port: number;
  user: string;
  binaries: PostgresBinaries;
}

const DEFAULT_PORT = 55432;

/** The port chosen when this cluster was created (another clone or server may hold the default one). */
function persistedPort(base: string): number | null {
  try {
    const n = Number(readFileSync(join(base, 'port'), 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

/** A TCP port free on loopback right now (for a throwaway cluster or a bench peer; another process may take it later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.once('error', reject);
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** For a new cluster: the default port if free, else the next free one, remembered in `.data/port`. */
async function choosePort(base: string): Promise<number> {
  if (process.env.SIGMUN_PG_PORT) return Number(process.env.SIGMUN_PG_PORT);
  for (let p = DEFAULT_PORT; p < DEFAULT_PORT + 100; p++) {
    if (await portIsFree(p)) {
      writeFileSync(join(base, 'port'), `${p}\n`);
      return p;
    }
  }
  throw new Error(`No hay un puerto libre entre ${DEFAULT_PORT} y ${DEFAULT_PORT + 99}; defina SIGMUN_PG_PORT.`);
}

/** Where a cluster's files live and the port it listens on. */
export interface ClusterPaths {
  base: string;
  dataDir: string;
  socketDir: string;
  logFile: string;
  port: number;
}

/** The paths of a cluster of its own under `base` (e.g. a throwaway one for fault tests), on `port`. */
export function clusterPathsAt(base: string, port: number): ClusterPaths {
  return { base, dataDir: join(base, 'pg'), socketDir: join(base, 'run'), logFile: join(base, 'postgres.log'), port };
}

export function clusterPaths(): ClusterPaths {
  const base = process.env.SIGMUN_DATA_DIR ?? join(repoRoot(), '.data');
  const port = Number(process.env.SIGMUN_PG_PORT ?? persistedPort(base) ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new Error(`SIGMUN_PG_PORT debe ser un puerto entre 1024 y 65535 (se recibió "${process.env.SIGMUN_PG_PORT}")`);
  }
  return { base, dataDir: join(base, 'pg'), socketDir: join(base, 'run'), logFile: join(base, 'postgres.log'), port };
}

const isRoot = () => process.getuid?.() === 0;

/** initdb refuses root, so as root the cluster runs as Debian's unprivileged `postgres` user. */
export function runAsClusterUser(bin: string, args: string[]): string {
  const cmd = isRoot() ? 'runuser' : bin;
  const full = isRoot() ? ['-u', 'postgres', '--', bin, ...args] : args;
  return execFileSync(cmd, full, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Gives `path` to the cluster's user when running as root (the postgres user must own what the server writes). */
export function ownByClusterUser(path: string): void {
  if (!isRoot()) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(path, uid, gid);
}

/** Runs pg_ctl on the cluster's data folder, as its user; never throws, returns the exit status and output. */
export function pgCtl(c: LocalCluster, args: string[]): { status: number; out: string } {
  const bin = join(c.binaries.bin, 'pg_ctl');
  const cmd = isRoot() ? 'runuser' : bin;
  const full = isRoot() ? ['-u', 'postgres', '--', bin, '-D', c.dataDir, ...args] : ['-D', c.dataDir, ...args];
  const r = spawnSync(cmd, full, { encoding: 'utf8' });
  return { status: r.status ?? 1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** A folder lock (mkdir is atomic) so that two processes never initdb or start the same cluster at once. */
async function withLock<T>(base: string, fn: () => Promise<T>): Promise<T> {
  const lock = join(base, 'provision.lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than 10 minutes was left by a killed process.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* removed meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`Otro proceso tiene ocupado ${lock}; si no es así, bórrelo.`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const CONF = (c: LocalCluster) => `
# Written by SIG Municipal for its embedded cluster.
listen_addresses = '127.0.0.1'
port = ${c.port}
unix_socket_directories = '${c.socketDir}'
max_connections = 200
shared_buffers = 512MB
work_mem = 32MB
maintenance_work_mem = 256MB
effective_cache_size = 4GB
random_page_cost = 1.1
jit = off
synchronous_commit = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = 2GB
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
log_min_duration_statement = 2000
`;

function initCluster(c: LocalCluster, log: (m: string) => void): void {
  log(`Creando el clúster PostgreSQL ${c.binaries.version} en ${c.dataDir}`);
  mkdirSync(c.dataDir, { recursive: true });
  chmodSync(c.dataDir, 0o700);
  ownByClusterUser(c.dataDir);
  runAsClusterUser(join(c.binaries.bin, 'initdb'), [
    '-D', c.dataDir, '-U', c.user, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync',
  ]);
  const confPath = join(c.dataDir, 'postgresql.auto.conf');
  writeFileSync(confPath, readFileSync(confPath, 'utf8') + CONF(c));
  ownByClusterUser(confPath);
}

/** Whether the postmaster of this cluster is up. */
export function isClusterRunning(c: LocalCluster): boolean {
  if (!existsSync(join(c.dataDir, 'PG_VERSION'))) return false;
  return pgCtl(c, ['status']).status === 0;
}

/**
 * Provisions the embedded cluster: install binaries if needed, initdb on first use, start if stopped. `at` names
 * another cluster (its own folder and port) instead of the project's.
 */
export async function ensureLocalCluster(log: (m: string) => void = console.log, at?: ClusterPaths): Promise<LocalCluster> {
  const p = at ?? clusterPaths();
  mkdirSync(p.base, { recursive: true });
  return withLock(p.base, async () => {
    const binaries = ensurePostgresBinaries(log);
    const fresh = !existsSync(join(p.dataDir, 'PG_VERSION'));
    const port = fresh && !at ? await choosePort(p.base) : p.port;
    const c: LocalCluster = { ...p, port, user: 'postgres', binaries };
    if (isRoot()) {
      // The postgres user must be able to reach the data folder through every parent directory.
      try {
        execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', p.base]);
      } catch {
        chmodSync(p.base, 0o755);
      }
    }
    if (!existsSync(join(c.dataDir, 'PG_VERSION'))) initCluster(c, log);
    mkdirSync(c.socketDir, { recursive: true });
    ownByClusterUser(c.socketDir);
    if (!existsSync(c.logFile)) writeFileSync(c.logFile, '');
    ownByClusterUser(c.logFile);
    if (!isClusterRunning(c)) {
      log(`Iniciando PostgreSQL en 127.0.0.1:${c.port}`);
      const r = pgCtl(c, ['-l', c.logFile, '-w', '-t', '120', 'start']);
      if (r.status !== 0) {
        const tail = readFileSync(c.logFile, 'utf8').split('\n').slice(-15).join('\n');
        throw new Error(`No se pudo iniciar PostgreSQL (pg_ctl ${r.status}):\n${r.out}\n${tail}`);
      }
    }
    return c;
  });
}

/** Stops a running cluster: 'fast' rolls back open sessions and ends them; 'immediate' is a crash. */
export function stopCluster(c: LocalCluster, mode: 'fast' | 'immediate' = 'fast'): void {
  const r = pgCtl(c, ['-m', mode, '-w', 'stop']);
  if (r.status !== 0) throw new Error(`pg_ctl stop falló: ${r.out}`);
}

/** Starts a stopped cluster and returns once it accepts connections. */
export function startCluster(c: LocalCluster): void {
  const r = pgCtl(c, ['-l', c.logFile, '-w', '-t', '120', 'start']);
  if (r.status !== 0) throw new Error(`pg_ctl start falló: ${r.out}`);
}

/** Stops the embedded cluster (fast shutdown: open sessions are rolled back). */
export function stopLocalCluster(log: (m: string) => void = console.log): boolean {
  const p = clusterPaths();
  const installs = existsSync(join(p.dataDir, 'PG_VERSION')) ? readFileSync(join(p.dataDir, 'PG_VERSION'), 'utf8').trim() : null;
  if (!installs) {
    log('No hay clúster local que detener.');
    return false;
  }
  const c: LocalCluster = { ...p, user: 'postgres', binaries: { version: Number(installs), bin: `/usr/lib/postgresql/${installs}/bin`, hasPostgis: true, hasPgrouting: false } };
  if (!isClusterRunning(c)) {
    log('El clúster local ya estaba detenido.');
    return false;
  }
  const r = pgCtl(c, ['-m', 'fast', '-w', 'stop']);
  log(r.status === 0 ? 'Clúster local detenido.' : `pg_ctl stop falló: ${r.out}`);
  return r.status === 0;
}

/** The connection string for a database of the embedded cluster. */
export function localUrl(c: Pick<LocalCluster, 'port' | 'user'>, database: string): string {
  return `postgres://${c.user}@127.0.0.1:${c.port}/${encodeURIComponent(database)}`;
}
