// npm run db:start | db:stop | db:migrate | db:psql — manage the project's database by hand.
import { spawnSync } from 'node:child_process';
import { provisionDatabase } from './provision.ts';
import { stopLocalCluster } from './local-cluster.ts';

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
  } else {
    console.error('Uso: db:start | db:stop | db:migrate | db:psql');
    process.exit(2);
  }
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
