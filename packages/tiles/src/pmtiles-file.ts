// Reads a local PMTiles archive with the `pmtiles` reader (the same code MapLibre's protocol runs).
import { open } from 'node:fs/promises';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';

/** A pmtiles Source over a file on disk. */
export class NodeFileSource implements Source {
  constructor(private readonly path: string) {}

  getKey(): string {
    return this.path;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const fh = await open(this.path, 'r');
    try {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, offset);
      const data = buf.buffer.slice(buf.byteOffset, buf.byteOffset + bytesRead) as ArrayBuffer;
      return { data };
    } finally {
      await fh.close();
    }
  }
}

/** Opens a local archive for reading. */
export function openArchive(path: string): PMTiles {
  return new PMTiles(new NodeFileSource(path));
}
