// Glyphs are files built once for the stacks the styles name: an unknown stack is a 404 that writes nothing and
// renders nothing. The app here serves a copy of the build with one served range removed, so a request that
// rendered (instead of reading a file) would bring that file back or answer 200.
import { cp, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@sigmun/db';
import { decodeGlyphs } from '@sigmun/styles/glyphs/pbf';
import { ensureGlyphFiles, glyphBuildName, glyphFile, styleFontStacks } from '@sigmun/styles/glyphs/build';
import { useTestApp } from '../support/test-app.ts';

const builtRoot = process.env.SIGMUN_GLYPHS_DIR || join(repoRoot(), '.data', 'glyphs');
const root = await mkdtemp(join(tmpdir(), 'sigmun-glyphs-'));
const buildDir = join(root, glyphBuildName());
await cp(await ensureGlyphFiles(builtRoot), buildDir, { recursive: true });
const [stack] = styleFontStacks();
const removed = glyphFile(buildDir, stack, 256);
await rm(removed);
process.env.SIGMUN_GLYPHS_DIR = root;
afterAll(() => rm(root, { recursive: true, force: true }));

/** Every file under `dir` with its size and modification time. */
async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    const s = await stat(p);
    out.push(`${relative(dir, p)} ${s.size} ${s.mtimeMs}`);
  }
  return out.sort();
}

/** A reproducible pseudo-random font name: letters, digits, spaces, commas and accents, up to 300 characters. */
function randomStack(seed: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,-_áéñÜ';
  let x = seed * 2654435761;
  const next = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const len = 1 + Math.floor(next() * 299);
  let s = '';
  for (let i = 0; i < len; i++) s += alphabet[Math.floor(next() * alphabet.length)];
  return s.trim() || `fuente${seed}`;
}

const t = useTestApp('glyphs');

describe('glyph files', () => {
  it('50 random font stacks: 404 each, no file written, nothing rendered', async () => {
    const before = await listing(root);
    // Served fonts in an order or combination no style names are unknown stacks too.
    const names = [...Array.from({ length: 47 }, (_, i) => randomStack(i + 1)), 'DejaVu Sans Oblique', `${stack},${stack}`, 'DejaVu Sans Bold,DejaVu Sans Book'];
    expect(new Set(names).size).toBe(50);
    for (const name of names) {
      const res = await t.app.inject({ method: 'GET', url: `/fonts/${encodeURIComponent(name)}/0-255.pbf` });
      expect(res.statusCode, name).toBe(404);
      expect(res.headers['content-type'], name).toMatch(/^application\/problem\+json/);
    }
    expect(await listing(root)).toEqual(before);
  });

  it('serves the built files as they are, and never renders a missing one', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/fonts/${encodeURIComponent(stack)}/0-255.pbf` });
    expect(res.statusCode).toBe(200);
    const [decoded] = decodeGlyphs(res.rawPayload);
    expect(decoded.name).toBe(stack);
    expect(decoded.glyphs.some((g) => g.id === 'ñ'.codePointAt(0))).toBe(true);
    const missing = await t.app.inject({ method: 'GET', url: `/fonts/${encodeURIComponent(stack)}/256-511.pbf` });
    expect(missing.statusCode).toBe(404);
    await expect(stat(removed)).rejects.toThrow();
  });

  it('lists exactly the stacks the styles use', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/fonts' })).json()).toEqual(styleFontStacks());
  });
});
