// npm run atlas -- <colonia|ageb|localidad|zona> [--papel a4|carta] [--lang es|en] [--out archivo.pdf]
// The same atlas the Tablero's button makes (same job queue, same cache by data version), from the console: it
// provisions what rendering needs (database, web client, basemap), renders or reuses the atlas and copies it out.
import { copyFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { provisionDatabase, repoRoot } from '@sigmun/db';
import { ATLAS_KINDS, FICHA_LANGS, PAPERS, type AtlasKind, type FichaLang, type Paper } from '@sigmun/domain/dashboard';
import { ensureWebBuild } from './lib/web-build.ts';

const say = (m: string) => console.log(`\x1b[36m▸\x1b[0m ${m}`);
const USAGE = `Uso: npm run atlas -- <${ATLAS_KINDS.join('|')}> [--papel ${PAPERS.join('|')}] [--lang ${FICHA_LANGS.join('|')}] [--out archivo.pdf]`;

/** Picks one of a fixed list, or throws the usage text naming the option. */
function oneOf<T extends string>(list: readonly T[], v: string | undefined, name: string, dflt: T): T {
  if (v === undefined) return dflt;
  if ((list as readonly string[]).includes(v)) return v as T;
  throw new Error(`${name} debe ser uno de ${list.join(', ')} (se recibió "${v}")\n${USAGE}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { papel: { type: 'string' }, lang: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new Error(USAGE);
  const tipo = oneOf<AtlasKind>(ATLAS_KINDS, positionals[0], 'tipo', 'colonia');
  const papel = oneOf<Paper>(PAPERS, values.papel, '--papel', 'a4');
  const lang = oneOf<FichaLang>(FICHA_LANGS, values.lang, '--lang', 'es');
  const out = resolve(values.out ?? `atlas-${tipo}-${papel}-${lang}.pdf`);

  const root = repoRoot();
  const db = await provisionDatabase({ log: say });
  await ensureWebBuild(root, say);
  const { ensureBasemapArchive } = await import('@sigmun/tiles/build');
  await ensureBasemapArchive(db.url, { log: say });
  const { buildApp } = await import('../apps/server/src/app.ts');
  const { loadConfig } = await import('../apps/server/src/config.ts');
  const config = loadConfig(process.env, { databaseUrl: db.url });
  const app = await buildApp(config, { logger: false });
  try {
    // Permalinks and QR codes point where the web map is published (PUBLIC_URL), else at this machine's npm start.
    const host = config.publicUrl ? new URL(config.publicUrl).host : `localhost:${config.port}`;
    const t0 = Date.now();
    const started = await app.atlas.start({ tipo, papel, lang, host });
    let last = -1;
    // Progress is reported as the job advances: a line per ficha on a terminal would be noise, so every 10 %.
    const timer = setInterval(() => {
      const j = app.atlas.get(started.id);
      if (!j || !j.total) return;
      const step = Math.floor((10 * j.hechas) / j.total);
      if (step !== last) {
        last = step;
        say(`Atlas de ${tipo}: ${j.hechas} de ${j.total} fichas`);
      }
    }, 500);
    await app.atlas.idle();
    clearInterval(timer);
    const job = app.atlas.get(started.id)!;
    const file = app.atlas.file(started.id);
    if (job.estado !== 'listo' || !file) throw new Error(`El atlas no se pudo generar: ${job.error ?? job.estado}`);
    await copyFile(file.path, out);
    const s = (Date.now() - t0) / 1000;
    say(job.cache ? `Atlas guardado para estos datos (versión ${job.version}), sin volver a generar.` : `${job.total} fichas en ${s.toFixed(1)} s.`);
    console.log(`\n  ${out}\n`);
  } finally {
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`\x1b[31m✗\x1b[0m ${(e as Error).message}`);
    if (process.env.DEBUG) console.error(e);
    process.exit(1);
  },
);
