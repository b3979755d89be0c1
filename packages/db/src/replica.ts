// A PostgreSQL streaming replica of an embedded cluster, for DATABASE_READ_URL: `npm run db:replica` makes one of
// the project's own cluster, and tests/integration/read-replica makes one of a throwaway cluster. Production uses
// the replicas of its managed PostgreSQL instead (docs/ARCHITECTURE.md, "Scaling out").
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import {
  isClusterRunning, localUrl, ownByClusterUser, pgCtl, runAsClusterUser, startCluster, stopCluster, type ClusterPaths, type LocalCluster,
} from './local-cluster.ts';

/** Settings a primary needs to feed standbys (the embedded cluster's default, wal_level minimal, cannot). */
const PRIMARY_SETTINGS: Record<string, string> = { wal_level: 'replica', max_wal_senders: '8', wal_keep_size: '256MB' };

/**
 * Makes `primary` able to feed streaming replicas: wal_level replica and WAL senders (ALTER SYSTEM), restarting it
 * when a setting changed. The pg_hba.conf initdb writes with --auth=trust already admits replication from loopback.
 * Returns whether it had to restart.
 */
export async function enableReplication(primary: LocalCluster): Promise<boolean> {
  const client = new pg.Client({ connectionString: localUrl(primary, 'postgres') });
  await client.connect();
  let changed = false;
  try {
    for (const [name, value] of Object.entries(PRIMARY_SETTINGS)) {
      const { rows } = await client.query<{ setting: string; unit: string | null }>('SELECT setting, unit FROM pg_settings WHERE name = $1', [name]);
      const current = rows[0]?.unit === 'MB' ? `${rows[0].setting}MB` : rows[0]?.setting;
      if (current === value) continue;
      await client.query(`ALTER SYSTEM SET ${pg.escapeIdentifier(name)} = ${pg.escapeLiteral(value)}`);
      changed = true;
    }
  } finally {
    await client.end();
  }
  if (changed) {
    stopCluster(primary, 'fast');
    startCluster(primary);
  }
  return changed;
}

/**
 * Creates (first time: pg_basebackup with -R, streaming its WAL) and starts a hot standby of `primary` at `at`
 * (its own folder and port). The standby follows the primary from then on; it refuses writes.
 */
export function ensureStandby(primary: LocalCluster, at: ClusterPaths): LocalCluster {
  const standby: LocalCluster = { ...at, user: primary.user, binaries: primary.binaries };
  mkdirSync(at.base, { recursive: true });
  ownByClusterUser(at.base);
  if (!existsSync(join(at.dataDir, 'PG_VERSION'))) {
    runAsClusterUser(join(primary.binaries.bin, 'pg_basebackup'), [
      '-D', at.dataDir, '-h', '127.0.0.1', '-p', String(primary.port), '-U', primary.user,
      '-X', 'stream', '-R', '--checkpoint=fast', '--no-sync',
    ]);
    // The copy carries the primary's port and socket folder; the last line of a setting wins.
    const conf = join(at.dataDir, 'postgresql.auto.conf');
    writeFileSync(conf, `${readFileSync(conf, 'utf8')}\n# Standby of 127.0.0.1:${primary.port} (SIG Municipal)\nport = ${at.port}\nunix_socket_directories = '${at.socketDir}'\nhot_standby = on\n`);
    ownByClusterUser(conf);
  }
  mkdirSync(at.socketDir, { recursive: true });
  ownByClusterUser(at.socketDir);
  if (!existsSync(at.logFile)) writeFileSync(at.logFile, '');
  ownByClusterUser(at.logFile);
  if (!isClusterRunning(standby)) {
    const r = pgCtl(standby, ['-l', at.logFile, '-w', '-t', '120', 'start']);
    if (r.status !== 0) throw new Error(`No se pudo iniciar la réplica (pg_ctl ${r.status}):\n${r.out}\n${readFileSync(at.logFile, 'utf8').split('\n').slice(-15).join('\n')}`);
  }
  return standby;
}
