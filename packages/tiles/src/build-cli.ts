// npm run tiles:build -- [--layers a,b] [--minzoom N] [--maxzoom N] [--name basemap] [--force]
import { parseArgs } from 'node:util';
import { resolveDatabase } from '@sigmun/db';
import { buildArchive } from './build.ts';

const { values } = parseArgs({
  options: {
    layers: { type: 'string' },
    minzoom: { type: 'string' },
    maxzoom: { type: 'string' },
    name: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});

function zoomArg(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 16) throw new Error(`--${name} debe ser un entero entre 0 y 16 (se recibió "${v}")`);
  return n;
}

async function main(): Promise<void> {
  const db = await resolveDatabase({ log: (m) => console.log(m) });
  const r = await buildArchive(db.url, {
    log: (m) => console.log(`▸ ${m}`),
    force: values.force,
    name: values.name ?? (values.layers ? 'capas' : 'basemap'),
    layers: values.layers?.split(',').map((s) => s.trim()).filter(Boolean),
    minzoom: zoomArg('minzoom', values.minzoom),
    maxzoom: zoomArg('maxzoom', values.maxzoom),
    outDir: values.out,
  });
  console.log(r.built ? `Escrito ${r.path}` : `Sin cambios: ${r.path}`);
}

main().catch((e) => {
  console.error(`✗ ${(e as Error).message}`);
  process.exit(1);
});
