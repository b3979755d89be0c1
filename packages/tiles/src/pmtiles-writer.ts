// A PMTiles v3 writer (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md): tiles in Hilbert tile-id
// order, identical tiles stored once, run-length entries, root directory inside the first 16 KiB with leaf
// directories when the tile set needs them, gzip for directories and metadata.
import { createHash } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
// Tile ids come from the official reader's own numbering, so writer and reader can never disagree.
import { zxyToTileId } from 'pmtiles';

export const HEADER_BYTES = 127;
const ROOT_BUDGET = 16_384 - HEADER_BYTES;

/** Values of the header's compression and tile-type fields. */
export const Compression = { None: 1, Gzip: 2 } as const;
export const TileType = { Mvt: 1 } as const;

/** One directory entry; runLength 0 marks a pointer to a leaf directory. */
export interface DirEntry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

export interface ArchiveTile {
  z: number;
  x: number;
  y: number;
  /** Tile bytes as stored (already compressed with `tileCompression`). */
  data: Uint8Array;
}

export interface ArchiveOptions {
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees. */
  bounds: [number, number, number, number];
  /** [lon, lat, zoom]. */
  center: [number, number, number];
  tileCompression?: number;
  tileType?: number;
  metadata: Record<string, unknown>;
}

function pushVarint(out: number[], n: number): void {
  // Plain arithmetic, not bit operations: tile ids and offsets exceed 32 bits.
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

/** Serialises directory entries (deltas, run lengths, lengths, offsets) uncompressed. */
export function serializeDirectory(entries: ReadonlyArray<DirEntry>): Uint8Array {
  const out: number[] = [];
  pushVarint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    pushVarint(out, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) pushVarint(out, e.runLength);
  for (const e of entries) pushVarint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    pushVarint(out, i > 0 && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return Uint8Array.from(out);
}

/** Root and leaf directories, gzip-compressed, with the root no larger than what fits after the header. */
export function buildDirectories(entries: ReadonlyArray<DirEntry>): { root: Uint8Array; leaves: Uint8Array } {
  const root = gzipSync(serializeDirectory(entries));
  if (root.byteLength <= ROOT_BUDGET) return { root, leaves: new Uint8Array(0) };
  for (let leafSize = 4096; ; leafSize = Math.ceil(leafSize * 1.5)) {
    const rootEntries: DirEntry[] = [];
    const parts: Uint8Array[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const leaf = gzipSync(serializeDirectory(entries.slice(i, i + leafSize)));
      rootEntries.push({ tileId: entries[i].tileId, offset, length: leaf.byteLength, runLength: 0 });
      parts.push(leaf);
      offset += leaf.byteLength;
    }
    const r = gzipSync(serializeDirectory(rootEntries));
    if (r.byteLength <= ROOT_BUDGET) return { root: r, leaves: Buffer.concat(parts) };
  }
}

function header(f: {
  rootOffset: number; rootLength: number; metaOffset: number; metaLength: number; leafOffset: number; leafLength: number;
  dataOffset: number; dataLength: number; addressed: number; entries: number; contents: number; opts: ArchiveOptions;
}): Buffer {
  const b = Buffer.alloc(HEADER_BYTES);
  b.write('PMTiles', 0, 'ascii');
  b.writeUInt8(3, 7);
  const u64 = [f.rootOffset, f.rootLength, f.metaOffset, f.metaLength, f.leafOffset, f.leafLength, f.dataOffset, f.dataLength, f.addressed, f.entries, f.contents];
  u64.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 8 + i * 8));
  b.writeUInt8(1, 96); // clustered: tile data follows tile-id order
  b.writeUInt8(Compression.Gzip, 97);
  b.writeUInt8(f.opts.tileCompression ?? Compression.Gzip, 98);
  b.writeUInt8(f.opts.tileType ?? TileType.Mvt, 99);
  b.writeUInt8(f.opts.minZoom, 100);
  b.writeUInt8(f.opts.maxZoom, 101);
  const e7 = (v: number) => Math.round(v * 1e7);
  const [w, s, e, n] = f.opts.bounds;
  b.writeInt32LE(e7(w), 102);
  b.writeInt32LE(e7(s), 106);
  b.writeInt32LE(e7(e), 110);
  b.writeInt32LE(e7(n), 114);
  b.writeUInt8(f.opts.center[2], 118);
  b.writeInt32LE(e7(f.opts.center[0]), 119);
  b.writeInt32LE(e7(f.opts.center[1]), 123);
  return b;
}

/** Writes a PMTiles v3 archive to `path` (via a temporary file renamed at the end, so readers never see half). */
export async function writePmtiles(path: string, tiles: ReadonlyArray<ArchiveTile>, opts: ArchiveOptions): Promise<{ entries: number; contents: number; addressed: number; bytes: number }> {
  const sorted = tiles.map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: t.data })).sort((a, b) => a.id - b.id);
  const entries: DirEntry[] = [];
  const seen = new Map<string, { offset: number; length: number }>();
  const blobs: Uint8Array[] = [];
  let dataLength = 0;
  for (let i = 0; i < sorted.length; i++) {
    const t = sorted[i];
    if (i > 0 && t.id === sorted[i - 1].id) throw new Error(`tesela repetida en el archivo (id ${t.id})`);
    const hash = createHash('sha256').update(t.data).digest('base64');
    let loc = seen.get(hash);
    if (!loc) {
      loc = { offset: dataLength, length: t.data.byteLength };
      seen.set(hash, loc);
      blobs.push(t.data);
      dataLength += t.data.byteLength;
    }
    const last = entries[entries.length - 1];
    if (last && last.offset === loc.offset && last.length === loc.length && last.tileId + last.runLength === t.id) last.runLength++;
    else entries.push({ tileId: t.id, offset: loc.offset, length: loc.length, runLength: 1 });
  }
  const { root, leaves } = buildDirectories(entries);
  const meta = gzipSync(Buffer.from(JSON.stringify(opts.metadata), 'utf8'));
  const rootOffset = HEADER_BYTES;
  const metaOffset = rootOffset + root.byteLength;
  const leafOffset = metaOffset + meta.byteLength;
  const dataOffset = leafOffset + leaves.byteLength;
  const head = header({
    rootOffset, rootLength: root.byteLength, metaOffset, metaLength: meta.byteLength, leafOffset, leafLength: leaves.byteLength,
    dataOffset, dataLength, addressed: sorted.length, entries: entries.length, contents: blobs.length, opts,
  });
  const tmp = `${path}.${process.pid}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    for (const part of [head, root, meta, leaves, ...blobs]) await fh.write(part);
    await fh.close();
    await rename(tmp, path);
  } catch (e) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw e;
  }
  return { entries: entries.length, contents: blobs.length, addressed: sorted.length, bytes: dataOffset + dataLength };
}
