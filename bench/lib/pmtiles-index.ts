// Just enough of PMTiles v3 to list every tile of an archive with its byte range: the reader only looks tiles
// up by z/x/y, and the benchmark needs all of them (read-back) and their ranges (Range load).
import { closeSync, openSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { bytesToHeader, readVarint, type Header, type RangeResponse, type Source } from 'pmtiles';

/** A pmtiles Source over a local file (the package's FileSource is the browser's File API). */
export class NodeFileSource implements Source {
  private fd: number;
  constructor(private path: string) {
    this.fd = openSync(path, 'r');
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    return { data: this.read(offset, length).buffer as ArrayBuffer };
  }
  read(offset: number, length: number): Uint8Array {
    const buf = new Uint8Array(length);
    const n = readSync(this.fd, buf, 0, length, offset);
    return n === length ? buf : buf.subarray(0, n);
  }
  getKey(): string {
    return this.path;
  }
  close(): void {
    closeSync(this.fd);
  }
}

export interface TileRange {
  tileId: number;
  /** Absolute offset in the file. */
  offset: number;
  length: number;
}

function decodeDirectory(bytes: Uint8Array): Array<{ tileId: number; runLength: number; length: number; offset: number }> {
  const p = { buf: bytes, pos: 0 };
  const n = readVarint(p);
  const entries = Array.from({ length: n }, () => ({ tileId: 0, runLength: 0, length: 0, offset: 0 }));
  let last = 0;
  for (const e of entries) last = e.tileId = last + readVarint(p);
  for (const e of entries) e.runLength = readVarint(p);
  for (const e of entries) e.length = readVarint(p);
  entries.forEach((e, i) => {
    const v = readVarint(p);
    e.offset = v === 0 && i > 0 ? entries[i - 1].offset + entries[i - 1].length : v - 1;
  });
  return entries;
}

/** The header and every addressed tile (run lengths expanded) with its absolute byte range. */
export function listTiles(src: NodeFileSource): { header: Header; tiles: TileRange[] } {
  const header = bytesToHeader(src.read(0, 127).buffer as ArrayBuffer);
  const inflate = (b: Uint8Array) => (header.internalCompression === 2 ? new Uint8Array(gunzipSync(b)) : b);
  const tiles: TileRange[] = [];
  const walk = (offset: number, length: number) => {
    for (const e of decodeDirectory(inflate(src.read(offset, length)))) {
      if (e.runLength === 0) walk(header.leafDirectoryOffset + e.offset, e.length);
      else for (let i = 0; i < e.runLength; i++) tiles.push({ tileId: e.tileId + i, offset: header.tileDataOffset + e.offset, length: e.length });
    }
  };
  walk(header.rootDirectoryOffset, header.rootDirectoryLength);
  return { header, tiles };
}
