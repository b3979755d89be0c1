// Measures the storage SRID decision of docs/ARCHITECTURE.md: the same MVT query over manzanas stored in EPSG:3857
// versus a copy stored in EPSG:4326 (transformed per row, as tiles are cut in 3857). Interleaved rounds, medians.
// Usage: npx tsx bench/srid-choice.ts [database]
import pg from 'pg';
import { resolveDatabase } from '@sigmun/db';

const db = process.argv[2] ?? 'sigmun';
const { url } = await resolveDatabase({ database: db, log: () => {} });
const client = new pg.Client({ connectionString: url });
await client.connect();

await client.query(`CREATE TEMP TABLE mz4326 AS SELECT cvegeo, pob, ST_Transform(geom, 4326)::geometry(MultiPolygon, 4326) AS geom FROM carto.manzanas`);
await client.query('CREATE INDEX ON mz4326 USING gist (geom)');
await client.query('ANALYZE mz4326');

const { rows: ext } = await client.query(`SELECT ST_XMin(e) x0, ST_YMin(e) y0, ST_XMax(e) x1, ST_YMax(e) y1 FROM (SELECT ST_Extent(geom) e FROM carto.manzanas) s`);
const W = 20037508.342789244;
function tilesAt(z: number, n: number): Array<[number, number, number]> {
  const size = (2 * W) / 2 ** z;
  const { x0, y0, x1, y1 } = ext[0];
  const out: Array<[number, number, number]> = [];
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < n; i++) {
    const x = x0 + rnd() * (x1 - x0);
    const y = y0 + rnd() * (y1 - y0);
    out.push([z, Math.floor((x + W) / size), Math.floor((W - y) / size)]);
  }
  return out;
}

const q3857 = `SELECT length(ST_AsMVT(t, 'manzanas', 4096, 'g')) FROM (
  SELECT cvegeo, pob, ST_AsMVTGeom(geom, ST_TileEnvelope($1, $2, $3), 4096, 64, true) AS g
  FROM carto.manzanas WHERE geom && ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096)) t`;
const q4326 = `SELECT length(ST_AsMVT(t, 'manzanas', 4096, 'g')) FROM (
  SELECT cvegeo, pob, ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope($1, $2, $3), 4096, 64, true) AS g
  FROM mz4326 WHERE geom && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096), 4326)) t`;

async function run(sql: string, tiles: Array<[number, number, number]>): Promise<number> {
  const t0 = performance.now();
  for (const t of tiles) await client.query({ name: sql === q3857 ? 'a' : 'b', text: sql, values: t });
  return performance.now() - t0;
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log('| zoom | tiles | 3857 ms (median of rounds) | 4326 + transform ms | 4326 ÷ 3857 |');
console.log('|---|---|---|---|---|');
for (const [z, n] of [[12, 40], [14, 200], [16, 200]] as const) {
  const tiles = tilesAt(z, n);
  await run(q3857, tiles);
  await run(q4326, tiles); // warm both caches once
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < 5; r++) {
    a.push(await run(q3857, tiles));
    b.push(await run(q4326, tiles));
  }
  console.log(`| ${z} | ${n} | ${median(a).toFixed(0)} | ${median(b).toFixed(0)} | ${(median(b) / median(a)).toFixed(2)} |`);
}
await client.end();
