import type pg from 'pg';
import type { Tile } from './tiles.ts';

/** What every suite gets: options, the bench database, the tile list and a direct pool to it. */
export interface BenchContext {
  quick: boolean;
  rounds: number;
  /** Seconds of each load run. */
  durationS: number;
  /** Concurrency of the cold-tile and sweep runs (server and direct pg alike). */
  coldConnections: number;
  warmConnections: number;
  cacheBytes: number;
  logLevel: string;
  seed: number;
  databaseUrl: string;
  /** Pool for direct SQL (the B side of ratios, stats queries). */
  pool: pg.Pool;
  tiles: Map<number, Tile[]>;
  /** The tileset the zoom sweep and warm figures load (what the map draws). */
  tileset: string;
  tmpDir: string;
  log: (m: string) => void;
}

/** Fastify's not-found handler answered: the route is not there (yet), as opposed to a 404 for a missing tile. */
export async function routeMissing(base: string, path: string): Promise<string | null> {
  const res = await fetch(base + path);
  const body = await res.text();
  if (res.status === 404 && /"detail":"No existe GET/.test(body)) return `endpoint not implemented (GET ${path.split('?')[0]} → 404)`;
  if (res.status >= 500) return `GET ${path.split('?')[0]} → ${res.status}: ${body.slice(0, 160)}`;
  return null;
}

export const tilePath = (layer: string, t: Tile): string => `/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`;
