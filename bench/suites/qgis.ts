// QGIS, what the IMPLAN's planners use, reads our published style: Debian's python3-qgis converts
// /styles/cartografia.json with its own MapLibre/Mapbox GL converter (QgsMapBoxGlStyleConverter), and we count the
// converter's warnings (each one a label, icon or paint QGIS would drop) and render our tiles with the result.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../lib/context.ts';
import { startAppServer } from '../lib/children.ts';
import { measured, nd, type Figure } from '../lib/figures.ts';

const WARNINGS = { id: 'qgis_style_warnings', name: 'QGIS: warnings converting /styles/cartografia.json', target: '0' };
export const QGIS_FIGURES = [WARNINGS];

const here = dirname(fileURLToPath(import.meta.url));
const PYTHON = '/usr/bin/python3';

interface QgisResult {
  qgis: string;
  warnings: string[];
  layers: number;
  png: string;
  distinctColours: number;
  renderErrors: string[];
}

/** True when Debian's python3-qgis can be imported (the bench bootstrap installs it). */
export function hasQgis(): boolean {
  return spawnSync(PYTHON, ['-c', 'import qgis.core'], { stdio: 'ignore', env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } }).status === 0;
}

/** Runs bench/qgis/check-style.py against `base` (a running server); the converter's warnings and the render. */
export function checkStyleWithQgis(base: string, outDir: string): QgisResult {
  const png = join(outDir, 'qgis-cartografia.png');
  const json = join(outDir, 'qgis-cartografia.json');
  const r = spawnSync(PYTHON, [join(here, '..', 'qgis', 'check-style.py'), '--url', base, '--out', png, '--json', json], {
    encoding: 'utf8',
    env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
    timeout: 300_000,
  });
  if (r.status !== 0 || !existsSync(json)) throw new Error(`check-style.py: ${(r.stderr || r.stdout || String(r.error)).trim().split('\n').pop()}`);
  process.stdout.write(r.stdout.split('\n').filter((l) => l.startsWith('WARNING') || l.startsWith('warnings:')).join('\n') + '\n');
  return JSON.parse(readFileSync(json, 'utf8')) as QgisResult;
}

/** The QGIS figure: converter warnings on the published cartography style (target 0) and the rendered PNG. */
export async function qgisStyle(ctx: BenchContext): Promise<Figure[]> {
  if (!hasQgis()) return [nd(WARNINGS.id, WARNINGS.name, WARNINGS.target, "Debian's python3-qgis is not installed")];
  const server = await startAppServer({ databaseUrl: ctx.databaseUrl, tileCacheBytes: ctx.cacheBytes, logLevel: ctx.logLevel });
  try {
    const r = checkStyleWithQgis(server.base, ctx.tmpDir);
    return [
      measured({
        ...WARNINGS,
        value: r.warnings.length,
        unit: 'warnings',
        pass: r.warnings.length === 0 && r.renderErrors.length === 0 && r.distinctColours > 20,
        note: `QGIS ${r.qgis}; ${r.layers} vector tile layers rendered to ${r.png} (${r.distinctColours} distinct colours sampled)${r.renderErrors.length ? `; render errors: ${r.renderErrors.join('; ')}` : ''}`,
        details: { warnings: r.warnings, renderErrors: r.renderErrors },
      }),
    ];
  } finally {
    await server.stop();
  }
}
