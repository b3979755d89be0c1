import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

/** Number of features over all layers of an MVT (gzipped or not). */
export function countFeatures(bytes: Uint8Array): number {
  if (bytes.length === 0) return 0;
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  const tile = new VectorTile(new PbfReader(raw));
  let n = 0;
  for (const name of Object.keys(tile.layers)) n += tile.layers[name].length;
  return n;
}

export interface Fetched {
  status: number;
  bytes: Buffer;
  ms: number;
  etag: string | null;
  encoding: string | null;
}

/** One GET, timed from request to last byte. */
export async function fetchTimed(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  const s = performance.now();
  // undici's fetch decodes gzip on its own; ask for identity unless the caller asks otherwise.
  const res = await fetch(url, { headers: { 'accept-encoding': 'identity', ...headers } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    bytes,
    ms: performance.now() - s,
    etag: res.headers.get('etag'),
    encoding: res.headers.get('content-encoding'),
  };
}
