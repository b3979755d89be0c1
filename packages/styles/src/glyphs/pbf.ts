import { PbfReader, PbfWriter } from 'pbf';

/** One glyph of a MapLibre glyph range (the `llmr.glyphs` protobuf). */
export interface PbfGlyph {
  id: number;
  /** SDF bytes, (width + 6) × (height + 6); absent for blank glyphs such as the space. */
  bitmap?: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

/** One font stack's glyphs for one 256-codepoint range. */
export interface PbfFontstack {
  name: string;
  range: string;
  glyphs: PbfGlyph[];
}

function writeGlyph(g: PbfGlyph, pbf: PbfWriter): void {
  pbf.writeVarintField(1, g.id);
  // MapLibre rejects a zero-length bitmap (image size mismatch) but accepts a missing one.
  if (g.bitmap && g.bitmap.length > 0) pbf.writeBytesField(2, g.bitmap);
  pbf.writeVarintField(3, g.width);
  pbf.writeVarintField(4, g.height);
  pbf.writeSVarintField(5, g.left);
  pbf.writeSVarintField(6, g.top);
  pbf.writeVarintField(7, g.advance);
}

function writeStack(s: PbfFontstack, pbf: PbfWriter): void {
  pbf.writeStringField(1, s.name);
  pbf.writeStringField(2, s.range);
  for (const g of s.glyphs) pbf.writeMessage(3, writeGlyph, g);
}

/** Encodes font stacks as a glyph PBF (`glyphs { stacks { name range glyphs { … } } }`). */
export function encodeGlyphs(stacks: readonly PbfFontstack[]): Uint8Array {
  const pbf = new PbfWriter();
  for (const s of stacks) pbf.writeMessage(1, writeStack, s);
  return pbf.finish();
}

/** Decodes a glyph PBF back into font stacks (used by tests and by stack composition). */
export function decodeGlyphs(data: Uint8Array): PbfFontstack[] {
  const reader = new PbfReader(data);
  return reader.readFields<PbfFontstack[]>((tag, stacks, pbf) => {
    if (tag !== 1) return;
    stacks.push(
      pbf.readMessage<PbfFontstack>(
        (t, s, p) => {
          if (t === 1) s.name = p.readString();
          else if (t === 2) s.range = p.readString();
          else if (t === 3) {
            s.glyphs.push(
              p.readMessage<PbfGlyph>(
                (k, g, q) => {
                  if (k === 1) g.id = q.readVarint();
                  else if (k === 2) g.bitmap = q.readBytes();
                  else if (k === 3) g.width = q.readVarint();
                  else if (k === 4) g.height = q.readVarint();
                  else if (k === 5) g.left = q.readSVarint();
                  else if (k === 6) g.top = q.readSVarint();
                  else if (k === 7) g.advance = q.readVarint();
                },
                { id: 0, width: 0, height: 0, left: 0, top: 0, advance: 0 },
              ),
            );
          }
        },
        { name: '', range: '', glyphs: [] },
      ),
    );
  }, []);
}
