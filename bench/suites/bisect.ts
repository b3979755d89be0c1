// Where the cold-tile overhead goes: the same tiles and SQL through `pg`, through a bare HTTP server, the bare
// server plus one production step at a time, and the production server — interleaved within each round.
import type { BenchContext } from '../lib/context.ts';
import { tilePath } from '../lib/context.ts';
import { startAppServer, startMinimalTileServer, type Child } from '../lib/children.ts';
import { measured, nd, type Figure } from '../lib/figures.ts';
import { httpLoad, pgLoad } from '../lib/load.ts';
import { median, round } from '../lib/stats.ts';
import { resolveTileQuery } from '../lib/tile-sql.ts';

const BISECT = { id: 'cold_bisect', name: 'cold overhead, step by step (diagnostic)', target: 'diagnostic' };
export const BISECT_FIGURES = [BISECT];

export async function coldBisect(ctx: BenchContext): Promise<Figure[]> {
  const query = await resolveTileQuery(ctx.pool, ctx.tileset);
  if (typeof query === 'string') return [nd(BISECT.id, BISECT.name, BISECT.target, query)];
  const tiles = [12, 13, 14].flatMap((z) => ctx.tiles.get(z) ?? []);
  const queries = tiles.map(query.forTile).filter((q) => q !== null);
  const servers: Record<string, Child> = {};
  try {
    servers['bare HTTP'] = await startMinimalTileServer(ctx.databaseUrl, []);
    servers['+ versions query'] = await startMinimalTileServer(ctx.databaseUrl, ['versions']);
    servers['+ gzip & ETag'] = await startMinimalTileServer(ctx.databaseUrl, ['gzip']);
    servers['+ both'] = await startMinimalTileServer(ctx.databaseUrl, ['versions', 'gzip']);
    servers['production server'] = await startAppServer({ databaseUrl: ctx.databaseUrl, tileCacheBytes: 0, logLevel: ctx.logLevel });
    const ratios: Record<string, number[]> = Object.fromEntries(Object.keys(servers).map((k) => [k, []]));
    const pgRps: number[] = [];
    for (let i = 0; i < ctx.rounds; i++) {
      for (const [name, s] of Object.entries(servers)) {
        const b = await pgLoad({ pool: ctx.pool, queries, connections: ctx.coldConnections, durationS: ctx.durationS });
        const a = await httpLoad({ base: s.base, targets: tiles.map((t) => ({ path: tilePath(ctx.tileset, t) })), connections: ctx.coldConnections, durationS: ctx.durationS, ok: [200, 204] });
        ratios[name].push(a.rps / b.rps);
        pgRps.push(b.rps);
      }
    }
    const summary = Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, round(median(v))]));
    return [
      measured({
        ...BISECT,
        value: summary['bare HTTP'],
        unit: '× (bare)',
        note: `each ÷ pg at ${ctx.coldConnections} connections, interleaved: ${Object.entries(summary).map(([k, v]) => `${k} ${v}`).join(', ')}; pg median ${round(median(pgRps))} tiles/s`,
        details: { ratios: summary, perRound: ratios },
      }),
    ];
  } finally {
    for (const s of Object.values(servers)) await s.stop();
  }
}
