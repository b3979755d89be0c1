// node --import tsx bench/repro/cancel-race.ts [database]: while some tile requests are abandoned mid-flight,
// do requests that stay get a 503? They should not: a cancel must only ever hit the query it was meant for.
// Reproduces finding 4 of bench/findings.md (cache off, so every request runs SQL).
import { createPool, provisionDatabase } from '@sigmun/db';
import { startAppServer } from '../lib/children.ts';
import { seededTiles, type Tile } from '../lib/tiles.ts';

const database = process.argv[2] ?? 'sigmun_bench';
const { url } = await provisionDatabase({ database, log: () => {} });
const pool = createPool(url, { max: 2 });
const tiles: Tile[] = [...(await seededTiles(pool, { seed: 7, perZoom: 200, minZoom: 13, maxZoom: 15 })).values()].flat();
const server = await startAppServer({ databaseUrl: url, tileCacheBytes: 0, logLevel: 'warn' });
const path = (t: Tile) => `${server.base}/tiles/cartografia/${t.z}/${t.x}/${t.y}.mvt`;
const statuses: Record<number, number> = {};
let k = 0;
try {
  for (let round = 0; round < 20; round++) {
    // 24 requests abandoned after 3–23 ms, alongside 8 that wait for their answer.
    const abandoned = Array.from({ length: 24 }, () => {
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 3 + Math.random() * 20);
      return fetch(path(tiles[k++ % tiles.length]), { signal: ac.signal }).then((r) => r.arrayBuffer()).catch(() => null);
    });
    const kept = Array.from({ length: 8 }, async () => {
      const t = tiles[k++ % tiles.length];
      await new Promise((r) => setTimeout(r, Math.random() * 30));
      const r = await fetch(path(t));
      await r.arrayBuffer();
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    });
    await Promise.all([...abandoned, ...kept]);
  }
} finally {
  await server.stop();
  await pool.end();
}
const failed = Object.entries(statuses).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0);
console.log(`${failed} of 160 requests that waited failed while others were abandoned: ${JSON.stringify(statuses)}`);
process.exit(failed ? 1 : 0);
