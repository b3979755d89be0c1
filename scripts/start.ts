// npm start: provision PostGIS, migrate, load data, build the client and the basemap, serve on PORT (8080).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { provisionDatabase, repoRoot } from '@sigmun/db';
import { ensureWebBuild } from './lib/web-build.ts';

const say = (m: string) => console.log(`\x1b[36m▸\x1b[0m ${m}`);

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string' },
    'no-serve': { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

async function main(): Promise<void> {
  const t0 = Date.now();
  const root = repoRoot();
  if (values.port) process.env.PORT = values.port;
  const db = await provisionDatabase({ log: say });
  say(`Base de datos: ${db.embedded ? 'clúster propio en .data/pg' : 'DATABASE_URL'} (PostGIS ${db.postgis})`);

  const dataFolder = values.data ?? process.env.SIGMUN_DATA;
  if (dataFolder) {
    const { loadDataManifest } = await import('@sigmun/ingest/import/manifest');
    await loadDataManifest(db.url, resolve(dataFolder), { log: say });
  } else {
    const { ensureDemoData } = await import('@sigmun/ingest/demo/index');
    const r = await ensureDemoData(db.url, { log: say });
    say(r.loaded ? 'Municipio de demostración cargado.' : 'Datos ya cargados: no se recargan.');
  }

  const web = await ensureWebBuild(root, say);
  if (web === 'fresh') say('Cliente web al día.');

  const { ensureBasemapArchive } = await import('@sigmun/tiles/build');
  await ensureBasemapArchive(db.url, { log: say });

  if (values['no-serve']) return;
  const { startServer } = await import('../apps/server/src/server.ts');
  const server = await startServer(db.url);
  say(`Listo en ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`\n  SIG Municipal: \x1b[1m${server.url}\x1b[0m\n`);
}

main().catch((e) => {
  console.error(`\x1b[31m✗\x1b[0m ${(e as Error).message}`);
  if (process.env.DEBUG) console.error(e);
  process.exit(1);
});
