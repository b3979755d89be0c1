// npm run demo:generate -- --scale 10 --seed 42 --database sigmun_bench [--force]
import { parseArgs } from 'node:util';
import { provisionDatabase } from '@sigmun/db';
import { DEFAULT_SEED, ensureDemoData } from './index.ts';

const say = (m: string) => console.log(`▸ ${m}`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      database: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 100) throw new Error(`--scale debe ser un número entre 0 y 100 (se recibió «${values.scale}»)`);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed debe ser un entero no negativo (se recibió «${values.seed}»)`);
  const db = await provisionDatabase({ database: values.database, log: say });
  const r = await ensureDemoData(db.url, { log: say, scale, seed, force: values.force });
  if (!r.loaded) say('La base ya tiene datos: no se recargan (use --force para reemplazar los datos de demostración).');
  else say(`Listo: ${Object.entries(r.counts).map(([k, n]) => `${k}=${n}`).join(', ')}`);
}

main().catch((e) => {
  console.error(`✗ ${(e as Error).message}`);
  process.exit(1);
});
