// npm run db:start | db:stop | db:migrate | db:psql | db:replica [stop] — manage the project's database by hand.
import { spawnSync } from 'node:child_process';
import { provisionDatabase } from './provision.ts';
import { join } from 'node:path';
import { clusterPaths, clusterPathsAt, ensureLocalCluster, isClusterRunning, localUrl, stopCluster, stopLocalCluster } from './local-cluster.ts';
import { enableReplication, ensureStandby } from './replica.ts';

const cmd = process.argv[2];
try {
  if (cmd === 'stop') {
    stopLocalCluster();
  } else if (cmd === 'start' || cmd === 'migrate') {
    const t = await provisionDatabase();
    console.log(`Base de datos lista: ${t.url} (PostGIS ${t.postgis})`);
  } else if (cmd === 'psql') {
    const t = await provisionDatabase();
    spawnSync('psql', [t.url, ...process.argv.slice(3)], { stdio: 'inherit' });
  } else if (cmd === 'replica') {
    // A hot standby of the embedded cluster in .data/replica, on the next port: for trying DATABASE_READ_URL.
    if (process.env.DATABASE_URL) throw new Error('Con DATABASE_URL la réplica es la de su servidor PostgreSQL (streaming replication); db:replica es para el clúster local.');
    const t = await provisionDatabase();
    const primary = await ensureLocalCluster(() => {});
    const at = clusterPathsAt(join(clusterPaths().base, 'replica'), primary.port + 1);
    if (process.argv[3] === 'stop') {
      const standby = { ...at, user: primary.user, binaries: primary.binaries };
      if (isClusterRunning(standby)) stopCluster(standby, 'fast');
      console.log('Réplica detenida.');
    } else {
      if (await enableReplication(primary)) console.log('El clúster local se reinició con wal_level = replica.');
      const standby = ensureStandby(primary, at);
      console.log(`Réplica en espera lista en 127.0.0.1:${standby.port}. Para leer de ella:\n  DATABASE_READ_URL=${localUrl(standby, new URL(t.url).pathname.slice(1))} npm start`);
    }
  } else {
    console.error('Uso: db:start | db:stop | db:migrate | db:psql | db:replica [stop]');
    process.exit(2);
  }
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
