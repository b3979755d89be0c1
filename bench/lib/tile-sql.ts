// The tile SQL of the server, taken from its own TileSource (packages/tiles) so that the direct-`pg` side of the
// cold ratio runs exactly the prepared statement a request runs ($1, $2, $3 = z, x, y).
import type pg from 'pg';
import type { Tile } from './tiles.ts';

export interface PreparedQuery {
  name: string;
  text: string;
  values: unknown[];
}

export interface TileQuery {
  /** The statement for one tile, or null when no layer is drawn at its zoom. */
  forTile: (t: Tile) => PreparedQuery | null;
  origin: string;
}

interface SourceLike {
  statementFor?: (z: number) => { name: string; text: string } | null;
}

/** The server's tile statement for a layer or tileset, or the reason it is not available. */
export async function resolveTileQuery(pool: pg.Pool, layerOrTileset: string): Promise<TileQuery | string> {
  let sources: Map<string, SourceLike>;
  try {
    const tiles = (await import('@sigmun/tiles')) as unknown as { catalogSources?: (p: pg.Pool) => Map<string, SourceLike> };
    if (typeof tiles.catalogSources !== 'function') return '@sigmun/tiles has no catalogSources() to take the SQL from';
    sources = tiles.catalogSources(pool);
  } catch (e) {
    return `tile sources not available (${(e as Error).message.split('\n')[0]})`;
  }
  const source = sources.get(layerOrTileset);
  if (!source) return `no tile source "${layerOrTileset}" in the catalog`;
  if (typeof source.statementFor !== 'function') return 'the tile source exposes no statementFor(z)';
  return {
    origin: `PostgisTileSource("${layerOrTileset}").statementFor(z)`,
    forTile: (t) => {
      const st = source.statementFor!(t.z);
      return st ? { name: st.name, text: st.text, values: [t.z, t.x, t.y] } : null;
    },
  };
}
