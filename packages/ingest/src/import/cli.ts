// npm run import -- <archivo|carpeta|zip> --layer <capa> [...]: one import, one transaction, a report at the end.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { provisionDatabase } from '@sigmun/db';
import type { Encoding } from './csv.ts';
import { ImportError } from './errors.ts';
import { loadIndicatorMapping, parseIndicatorMapping } from './indicators.ts';
import { LAYER_NAMES, resolveLayer } from './layers.ts';
import { limitsFromEnv } from './limits.ts';
import { formatReport, progressBar } from './report.ts';
import { runImport } from './run.ts';
import { buildTemplate, TEMPLATE_KINDS, type TemplateKind } from './template.ts';

const USAGE = `Uso: npm run import -- <archivo|carpeta|zip> --layer <${LAYER_NAMES.join('|')}>
  [--key columna] [--key-prefix 260300001] [--srid N] [--encoding utf8|latin1] [--dry-run] [--json] [--database nombre]
  [--fuente "INEGI, Censo 2020"] [--fecha AAAA-MM-DD]
  indicadores: --mapping mapeo.yaml  o  --nivel colonia --anio 2020 --fuente "…" [--key cve_col]
  plantilla de Excel: npm run import -- --template <${TEMPLATE_KINDS.join('|')}> > plantilla.xlsx`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      layer: { type: 'string' }, key: { type: 'string' }, 'key-prefix': { type: 'string' }, srid: { type: 'string' },
      encoding: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
      database: { type: 'string' }, fuente: { type: 'string' }, fecha: { type: 'string' }, mapping: { type: 'string' },
      nivel: { type: 'string' }, anio: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false },
      template: { type: 'string' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.template !== undefined) {
    if (!(TEMPLATE_KINDS as readonly string[]).includes(values.template)) throw new ImportError(`--template debe ser una de: ${TEMPLATE_KINDS.join(', ')} (se recibió «${values.template}»).`);
    const bytes = await buildTemplate(values.template as TemplateKind);
    await new Promise<void>((done, fail) => process.stdout.write(bytes, (e) => (e ? fail(e) : done())));
    return 0;
  }
  if (positionals.length !== 1) throw new ImportError(`Indique un archivo, carpeta o zip a importar.\n${USAGE}`);
  const layer = resolveLayer(values.layer);
  if (!layer) throw new ImportError(`--layer debe ser una de: ${LAYER_NAMES.join(', ')} (se recibió «${values.layer ?? ''}»).`);
  const srid = values.srid === undefined ? undefined : Number(values.srid);
  if (srid !== undefined && (!Number.isInteger(srid) || srid <= 0)) throw new ImportError(`--srid debe ser un código EPSG entero (se recibió «${values.srid}»).`);
  const enc = values.encoding?.toLowerCase().replace(/[-_]/g, '');
  const encoding: Encoding | undefined = enc === undefined ? undefined : enc === 'utf8' ? 'utf8' : ['latin1', 'iso88591', 'cp1252', 'windows1252'].includes(enc) ? 'latin1' : undefined;
  if (enc !== undefined && !encoding) throw new ImportError(`--encoding debe ser utf8 o latin1 (se recibió «${values.encoding}»).`);
  if (values.fecha !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.fecha)) throw new ImportError('--fecha debe tener la forma AAAA-MM-DD.');

  let indicators;
  if (layer === 'indicators') {
    indicators = values.mapping
      ? await loadIndicatorMapping(resolve(values.mapping))
      : parseIndicatorMapping({ nivel: values.nivel, anio: values.anio, fuente: values.fuente, clave: values.key }, 'opciones de la línea de comandos');
  }
  const db = await provisionDatabase({ database: values.database, log: () => {} });
  const bar = values.json ? progressBar({ isTTY: false } as NodeJS.WriteStream) : progressBar();
  try {
    const report = await runImport(db.url, {
      input: resolve(positionals[0]), layer, key: values.key, keyPrefix: values['key-prefix'], srid, encoding,
      dryRun: values['dry-run'], fuente: values.fuente, fecha: values.fecha, indicators, onProgress: bar.update,
      limits: limitsFromEnv(), log: (m) => console.error(m),
    });
    bar.end();
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return 0;
  } finally {
    bar.end();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    const msg = e instanceof ImportError ? e.message : `Error inesperado: ${(e as Error).message}`;
    console.error(`✗ ${msg}`);
    if (process.env.DEBUG) console.error(e);
    process.exit(e instanceof ImportError ? 2 : 1);
  },
);
