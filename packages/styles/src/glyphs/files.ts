// Serving glyphs is reading files: the stacks our styles name were built once (build.ts); any other stack is
// unknown, and nothing here can render or write a glyph.
import { readFile } from 'node:fs/promises';
import { glyphFile } from './build.ts';

/** The glyph files of one build, read on demand and kept in memory (they are small and few). */
export class GlyphFiles {
  private readonly stacks: ReadonlySet<string>;
  private readonly memory = new Map<string, Promise<Uint8Array | null>>();

  constructor(
    private readonly buildDir: string,
    stacks: readonly string[],
  ) {
    this.stacks = new Set(stacks);
  }

  /** True when `stack` (as MapLibre puts it in the URL) is one the styles use. */
  has(stack: string): boolean {
    return this.stacks.has(stack);
  }

  /** The PBF of a served stack's range (start a multiple of 256), or null for any other stack or a missing file. */
  get(stack: string, start: number): Promise<Uint8Array | null> {
    if (!this.stacks.has(stack)) return Promise.resolve(null);
    const key = `${stack}/${start}`;
    let p = this.memory.get(key);
    if (!p) {
      p = readFile(glyphFile(this.buildDir, stack, start)).then(
        (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
        () => null,
      );
      this.memory.set(key, p);
    }
    return p;
  }
}
