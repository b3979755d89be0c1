// The benchmark harness in --quick mode against a clone of the demo database: proves that `npm run bench` runs
// end to end and produces figures. How fast they are is the benchmark's business, never the test's.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@sigmun/db';
import type { Results } from '../../bench/lib/report.ts';
import { cloneTestDatabase, type TestDatabase } from '../support/test-database.ts';

const run = promisify(execFile);

describe('npm run bench -- --quick', () => {
  let db: TestDatabase;
  let out: string;
  let results: Results;
  let markdown: string;

  beforeAll(async () => {
    db = await cloneTestDatabase('bench');
    out = mkdtempSync(join(tmpdir(), 'sigmun-bench-'));
    const root = repoRoot();
    await run(process.execPath, ['--import', 'tsx', join(root, 'bench', 'run.ts'), '--quick', '--no-web-build', '--db-url', db.url, '--out', out], {
      cwd: root,
      timeout: 175_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
    markdown = readFileSync(join(out, 'RESULTS.md'), 'utf8');
  }, 200_000);

  afterAll(async () => {
    await db?.drop();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('reports every figure of the issue, each a finite number or n/d with its reason', () => {
    const ids = results.figures.map((f) => f.id);
    for (const id of ['cold_overhead', 'zoom_sweep', 'warm_tiles', 'warm_p99', 'coalescing', 'compression', 'conditional', 'memory',
      'features', 'search', 'near', 'isochrone_10', 'isochrone_15', 'pmtiles_build', 'pmtiles_readback', 'pmtiles_serving',
      'import', 'first_paint', 'initial_js']) {
      expect(ids).toContain(id);
    }
    for (const f of results.figures) {
      if (f.verdict === 'n/d') {
        expect(f.value, f.id).toBeNull();
        expect(f.note.length, f.id).toBeGreaterThan(0);
      } else {
        expect(Number.isFinite(f.value), `${f.id}: ${f.value}`).toBe(true);
      }
    }
  });

  it('measures the tile figures against the demo database', () => {
    const byId = new Map(results.figures.map((f) => [f.id, f]));
    for (const id of ['cold_overhead', 'zoom_sweep', 'warm_tiles', 'coalescing', 'memory']) {
      expect(byId.get(id)?.verdict, `${id}: ${byId.get(id)?.note}`).not.toBe('n/d');
    }
    expect(results.zooms.map((z) => z.z)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16]);
    for (const z of results.zooms) expect(z.tilesPerS).toBeGreaterThan(0);
  });

  it('writes the Markdown table with the machine and one row per figure', () => {
    expect(markdown).toContain(`${results.machine.cores} cores`);
    expect(markdown).toContain(`PostGIS ${results.machine.postgis}`);
    for (const f of results.figures) expect(markdown).toContain(`| ${f.name.replace(/\|/g, '\\|')} |`);
  });
});
