// Tiles straight from PostGIS: one prepared statement per (source, zoom band), only z/x/y bound per request.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { isDatabaseUnavailable } from '@sigmun/db';
import type { LayerDefinition } from '@sigmun/domain/layers';
import { qualified, tileStatement } from './mvt-sql.ts';
import { vectorLayersOf, type TileJSON, type TileSource } from './source.ts';

/** Thrown when a tile request is abandoned by its caller. */
export class TileAbortedError extends Error {
  override name = 'AbortError';
  constructor() {
    super('solicitud de tesela cancelada');
  }
}

interface Prepared {
  name: string;
  text: string;
}

/** A TileSource over one or more catalog layers in PostGIS. */
export class PostgisTileSource implements TileSource {
  readonly minzoom: number;
  readonly maxzoom: number;
  readonly versionKeys: ReadonlyArray<string>;
  /** Tile queries sent to the database (coalescing tests and /api/health read it). */
  queries = 0;
  private readonly statements = new Map<number, Prepared | null>();
  private bounds: { key: string; value: Promise<[number, number, number, number]> } | null = null;

  constructor(
    readonly id: string,
    readonly layers: ReadonlyArray<LayerDefinition>,
    private readonly pool: pg.Pool,
    private readonly meta: { titulo: string; description?: string },
  ) {
    this.minzoom = Math.min(...layers.map((l) => l.minzoom));
    this.maxzoom = Math.max(...layers.map((l) => l.maxzoom));
    this.versionKeys = [...new Set(layers.flatMap((l) => l.source.versionKeys))];
  }

  /** The prepared statement for zoom z, built on first use and kept (same SQL text → same name). */
  statementFor(z: number): Prepared | null {
    if (!this.statements.has(z)) {
      const text = tileStatement(this.layers, z);
      const name = text ? `tile_${this.id}_${createHash('sha1').update(text).digest('hex').slice(0, 10)}` : '';
      this.statements.set(z, text ? { name, text } : null);
    }
    return this.statements.get(z)!;
  }

  async getTile(z: number, x: number, y: number, signal?: AbortSignal): Promise<Uint8Array> {
    const st = this.statementFor(z);
    if (!st) return new Uint8Array(0);
    if (signal?.aborted) throw new TileAbortedError();
    const client = await this.pool.connect();
    if (signal?.aborted) {
      client.release();
      throw new TileAbortedError();
    }
    // A client that goes away cancels its query server-side, so an abandoned pan frees the backend at once.
    const pid = (client as unknown as { processID?: number }).processID;
    let cancelled = false;
    const onAbort = () => {
      cancelled = true;
      if (pid) this.pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let broken: Error | undefined;
    try {
      this.queries++;
      const r = await client.query<{ mvt: Buffer }>({ name: st.name, text: st.text, values: [z, x, y] });
      const mvt = r.rows[0]?.mvt;
      return mvt ? new Uint8Array(mvt.buffer, mvt.byteOffset, mvt.byteLength) : new Uint8Array(0);
    } catch (e) {
      if (cancelled) throw new TileAbortedError();
      // A dead connection (no SQLSTATE, or the FATAL of a terminated/shut-down backend that precedes the socket's
      // close) must not go back to the pool, where the next tile would pick it before it is noticed as closed.
      if ((e as { code?: string }).code === undefined || isDatabaseUnavailable(e)) broken = e as Error;
      throw e;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // Once a cancel is on its way it may land after this query finished, on whatever the backend runs next: a
      // cancelled client's connection is destroyed, never handed to another request.
      client.release(broken ?? (cancelled ? new TileAbortedError() : undefined));
    }
  }

  /** Bounds in WGS84 of the source's rows, recomputed when `versionKey` changes. */
  dataBounds(versionKey: string): Promise<[number, number, number, number]> {
    if (this.bounds?.key !== versionKey) {
      const parts = this.layers.map(
        (l) => `SELECT ST_Extent(t.${pg.escapeIdentifier(l.source.geometryColumn)})::geometry AS g FROM ${qualified(l.source.relation)} t`,
      );
      const text = `SELECT ST_XMin(b) AS w, ST_YMin(b) AS s, ST_XMax(b) AS e, ST_YMax(b) AS n
        FROM (SELECT ST_Transform(ST_SetSRID(ST_Extent(g), 3857), 4326) AS b FROM (${parts.join(' UNION ALL ')}) u) x`;
      const value = this.pool.query<{ w: number | null; s: number; e: number; n: number }>(text).then(({ rows }) => {
        const r = rows[0];
        return r?.w == null ? ([-180, -85.0511, 180, 85.0511] as [number, number, number, number]) : ([r.w, r.s, r.e, r.n] as [number, number, number, number]);
      });
      value.catch(() => (this.bounds = null));
      this.bounds = { key: versionKey, value };
    }
    return this.bounds.value;
  }

  async tileJSON(baseUrl: string, versionKey = ''): Promise<TileJSON> {
    const bounds = await this.dataBounds(versionKey);
    const round = (v: number) => Math.round(v * 1e6) / 1e6;
    const centerZoom = Math.max(this.minzoom, Math.min(this.maxzoom, 11));
    const attributions = [...new Set(this.layers.map((l) => l.attribution))];
    return {
      tilejson: '3.0.0',
      name: this.meta.titulo,
      description: this.meta.description,
      attribution: attributions.join(' · '),
      version: versionKey || undefined,
      scheme: 'xyz',
      tiles: [`${baseUrl}/${this.id}/{z}/{x}/{y}.mvt`],
      minzoom: this.minzoom,
      maxzoom: this.maxzoom,
      bounds: bounds.map(round) as [number, number, number, number],
      center: [round((bounds[0] + bounds[2]) / 2), round((bounds[1] + bounds[3]) / 2), centerZoom],
      vector_layers: this.layers.flatMap(vectorLayersOf),
    };
  }
}
