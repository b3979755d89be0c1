// Writes gzip and brotli variants beside every built JS/CSS asset, so @fastify/static (preCompressed) serves
// them without compressing on each request. zlib only: no extra dependency.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { Plugin, ResolvedConfig } from 'vite';

const gz = promisify(gzip);
const br = promisify(brotliCompress);
const COMPRESSIBLE = /\.(js|mjs|css|svg)$/;

async function* files(dir: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

/** The Vite plugin: after the bundle is written, `x.js` gets `x.js.gz` and `x.js.br` (skipped when not smaller). */
export function precompress(opts: { minBytes?: number } = {}): Plugin {
  const minBytes = opts.minBytes ?? 1024;
  let config: ResolvedConfig;
  return {
    name: 'sigmun:precompress',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    async closeBundle() {
      const out = join(config.root, config.build.outDir);
      const jobs: Array<Promise<void>> = [];
      for await (const f of files(out)) {
        if (!COMPRESSIBLE.test(f) || (await stat(f)).size < minBytes) continue;
        jobs.push(
          (async () => {
            const raw = await readFile(f);
            const [g, b] = await Promise.all([
              gz(raw, { level: 9 }),
              br(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
            ]);
            if (g.length < raw.length) await writeFile(`${f}.gz`, g);
            if (b.length < raw.length) await writeFile(`${f}.br`, b);
          })(),
        );
      }
      await Promise.all(jobs);
    },
  };
}
