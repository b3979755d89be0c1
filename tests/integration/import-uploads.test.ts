// Uploads through POST /api/import on a real listening app: zips as the `zip` command makes them (ZIP64 too), the
// limits (a zip bomb, a 100k-column CSV) refused in seconds with the server's memory and health intact, a CSV with
// an unclosed quote refused naming its row, points outside every loaded municipio listed, and the temp folders of
// uploads gone on every exit path (and those of dead processes swept at start). Files are made here, in a temp dir.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@sigmun/db';
import { DEFAULT_LIMITS } from '@sigmun/ingest/import/limits';
import { runImport } from '@sigmun/ingest/import/run';
import { bearer, createUser } from '../support/auth.ts';
import { useTestApp } from '../support/test-app.ts';
import { zipFiles } from '../support/zip.ts';

const H = join(repoRoot(), '..', 'shared', 'data', 'real', 'hermosillo');
const LCC = join(H, 'ageb', 'ageb_urbana_imu2020_lcc');
const work = mkdtempSync(join(tmpdir(), 'sigmun-uploads-test-'));
// The app's own temp root, so that what it leaves (or sweeps) is seen apart from other suites' folders.
const tmpRoot = join(work, 'tmp');
mkdirSync(tmpRoot);

// Left by "crashed" imports before the app starts: a dead pid's folders (no Linux pid reaches 999999999), a
// pid-less one two hours old; and two that must survive: a live process's (ours) and a fresh pid-less one.
const DEAD = ['sigmun-upload-999999999-aaaaaa', 'sigmun-import-999999999-bbbbbb', 'sigmun-upload-viejo'];
const KEPT = [`sigmun-import-${process.pid}-vivo00`, 'sigmun-upload-reciente'];
for (const d of [...DEAD, ...KEPT]) {
  mkdirSync(join(tmpRoot, d));
  writeFileSync(join(tmpRoot, d, 'capa.shp'), 'x');
}
const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
utimesSync(join(tmpRoot, 'sigmun-upload-viejo'), twoHoursAgo, twoHoursAgo);

const t = useTestApp('import_uploads', { importTmpDir: tmpRoot });
let base = '';
// Imports are a planeacion write: a real account's API token, as a script would use.
let token = '';

beforeAll(async () => {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  await createUser(t.db.url, { email: 'planeacion@uploads.example', roles: ['planeacion'] });
  token = await bearer(t.db.url, 'planeacion@uploads.example');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The app's temp folders now, besides the two the sweep must keep. */
const leftovers = () => readdirSync(tmpRoot).filter((n) => !KEPT.includes(n));

async function upload(fields: Record<string, string>, files: Array<{ name: string; path: string }>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('archivo', new Blob([await import('node:fs/promises').then((fs) => fs.readFile(f.path))]), f.name);
  const res = await fetch(`${base}/api/import`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> };
}

/**
 * Runs `work` while polling /api/health and sampling this process's RSS (the app runs in it); returns the
 * result, the elapsed time, the largest RSS growth and the slowest health answer.
 */
async function watched<T>(work: () => Promise<T>) {
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  let slowest = 0;
  const healthCodes: number[] = [];
  let done = false;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const health = (async () => {
    while (!done) {
      const t0 = Date.now();
      const r = await fetch(`${base}/api/health`);
      await r.arrayBuffer();
      healthCodes.push(r.status);
      slowest = Math.max(slowest, Date.now() - t0);
    }
  })();
  const t0 = Date.now();
  try {
    const result = await work();
    return { result, ms: Date.now() - t0, rssGrowth: Math.max(peak, process.memoryUsage().rss) - rss0, healthCodes, slowestHealthMs: () => slowest };
  } finally {
    done = true;
    clearInterval(sampler);
    await health;
  }
}

/** The documented bound of one import's memory (docs/IMPORT.md, «Límites»). */
const MEMORY_BOUND = 256 * 1024 * 1024;

describe('temp folders', () => {
  it('the folders of dead processes are swept at start; a live process\'s and fresh ones are kept', () => {
    for (const d of DEAD) expect(existsSync(join(tmpRoot, d)), d).toBe(false);
    for (const d of KEPT) expect(existsSync(join(tmpRoot, d)), d).toBe(true);
  });
});

describe('zips as the zip command makes them', () => {
  const parts = ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((e): [string, string] => [`agebs.${e}`, `${LCC}.${e}`]);

  it('imports a zip made by `zip`, and one whose entries are ZIP64 (`zip -fz`)', async () => {
    const plain = join(work, 'agebs.zip');
    const z64 = join(work, 'agebs64.zip');
    zipFiles(plain, parts);
    zipFiles(z64, parts, ['-fz']);
    // The ZIP64 extra field (header id 0x0001) is really there: `zipinfo -v` reports it.
    expect(spawnSync('zipinfo', ['-v', z64], { encoding: 'utf8' }).stdout).toMatch(/subfield with ID 0x0001 \(PKWARE 64-bit sizes\)/);
    for (const f of [plain, z64]) {
      const r = await upload({ layer: 'agebs' }, [{ name: f.endsWith('64.zip') ? 'agebs64.zip' : 'agebs.zip', path: f }]);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ capa: 'agebs', srid: 6372, cargados: 404, rechazados: [] });
      expect(leftovers()).toEqual([]);
    }
    const n = await t.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM carto.agebs WHERE cvegeo LIKE '26030%'`);
    expect(n.rows[0].n).toBe(404);
  });
});

describe('limits', () => {
  it('a zip bomb (a few MB that inflate past the per-entry limit) is refused with 413 in under 5 s, memory and health intact', async () => {
    // 1.5 GB of zeros deflate to ~1.5 MB: built by `zip` from a stream, renamed inside the zip to look like a layer.
    const bomb = join(work, 'bomba.zip');
    const gb = 1.5 * 1024 ** 3;
    // Built asynchronously: the app runs in this process, and a blocked event loop would stall it (and its keep-alive timers).
    const made = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const p = spawn('bash', ['-c', `head -c ${gb} /dev/zero | zip -q -9 ${bomb} - && printf '@ -\\n@=bomba.shp\\n' | zipnote -w ${bomb}`], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      p.stderr.on('data', (d) => (stderr += d));
      p.on('close', (status) => resolve({ status, stderr }));
    });
    expect(made.status, made.stderr).toBe(0);
    expect(statSync(bomb).size).toBeLessThan(5 * 1024 * 1024);
    expect(gb).toBeGreaterThan(DEFAULT_LIMITS.entryBytes);
    const w = await watched(() => upload({ layer: 'agebs' }, [{ name: 'bomba.zip', path: bomb }]));
    expect(w.result.status, JSON.stringify(w.result.body)).toBe(413);
    expect(w.result.type).toMatch(/application\/problem\+json/);
    expect(w.result.body).toMatchObject({ parameter: 'archivo', detail: expect.stringMatching(/bomba\.zip: un archivo dentro del zip ocuparía 1[.,]536 MB descomprimido.*divida la capa.*IMPORT_MAX_ENTRY_MB=1024/) });
    expect(w.ms).toBeLessThan(5000);
    expect(w.rssGrowth).toBeLessThan(MEMORY_BOUND);
    expect(w.healthCodes.length).toBeGreaterThan(0);
    expect(w.healthCodes.every((c) => c === 200)).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('a CSV of 100,000 columns is refused with 400 naming the limit in under 5 s, memory and health intact', async () => {
    const cols = 100_000;
    const header = Array.from({ length: cols }, (_, i) => `c${i}`).join(',');
    const row = Array.from({ length: cols }, (_, i) => String(i % 10)).join(',');
    const wide = join(work, 'ancho.csv');
    writeFileSync(wide, `${header}\n${row}\n${row}\n`);
    const w = await watched(() => upload({ layer: 'indicators', nivel: 'colonia', anio: '2020', fuente: 'prueba' }, [{ name: 'ancho.csv', path: wide }]));
    expect(w.result.status, JSON.stringify(w.result.body)).toBe(400);
    expect(w.result.body).toMatchObject({ parameter: 'archivo', detail: expect.stringMatching(/ancho\.csv: tiene al menos [\d.,]+ columnas, más que el máximo de 1[.,]000; quite las columnas .*IMPORT_MAX_COLUMNS=1000/) });
    expect(w.ms).toBeLessThan(5000);
    expect(w.rssGrowth).toBeLessThan(MEMORY_BOUND);
    expect(w.healthCodes.every((c) => c === 200)).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('entry count, total inflated size and rows per import are each refused naming their limit', async () => {
    const dir = join(work, 'partes');
    mkdirSync(dir);
    const files = Array.from({ length: 5 }, (_, i): [string, string] => {
      const p = join(dir, `parte${i}.csv`);
      writeFileSync(p, `a,b\n${'1,2\n'.repeat(200_000)}`);
      return [`parte${i}.csv`, p];
    });
    const zip = join(work, 'partes.zip');
    zipFiles(zip, files);
    const small = { ...DEFAULT_LIMITS, entries: 4 };
    await expect(runImport(t.db.url, { input: zip, layer: 'indicators', limits: small, tmpDir: tmpRoot }))
      .rejects.toThrow(/partes\.zip: el zip contiene 5 archivos, más que el máximo de 4; deje en el zip solo los archivos de la capa .*IMPORT_MAX_ENTRIES=4/);
    const total = { ...DEFAULT_LIMITS, unzippedBytes: 3 * 1024 * 1024 };
    await expect(runImport(t.db.url, { input: zip, layer: 'indicators', limits: total, tmpDir: tmpRoot }))
      .rejects.toThrow(/partes\.zip: el zip descomprimido ocuparía 4 MB, más que el máximo de 3 MB; ponga cada capa en su propio zip.*IMPORT_MAX_UNZIPPED_MB=3/);
    const rows = { ...DEFAULT_LIMITS, rows: 1000 };
    await expect(runImport(t.db.url, { input: files[0][1], layer: 'indicators', limits: rows, indicators: { nivel: 'colonia', anio: 2020, fuente: 'x' } }))
      .rejects.toThrow(/parte0\.csv, fila 1001: tiene más de 1[.,]000 registros, el máximo por importación; divida el archivo en partes.*IMPORT_MAX_ROWS=1000/);
    expect(leftovers()).toEqual([]);
  });

  it('an upload cut off mid-body leaves no temp folder, and the server keeps answering', async () => {
    const boundary = 'sigmuncorte';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="layer"\r\n\r\nagebs\r\n--${boundary}\r\nContent-Disposition: form-data; name="archivo"; filename="corte.zip"\r\nContent-Type: application/zip\r\n\r\n`;
    const req = request(`${base}/api/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(10 * 1024 * 1024) },
    });
    req.on('error', () => {});
    req.write(head);
    req.write(Buffer.alloc(256 * 1024, 7));
    // Wait until the server has made the upload folder (the part is being written), then cut the connection.
    const deadline = Date.now() + 10_000;
    while (!readdirSync(tmpRoot).some((n) => n.startsWith(`sigmun-upload-${process.pid}-`)) && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    expect(leftovers().some((n) => n.startsWith(`sigmun-upload-${process.pid}-`))).toBe(true);
    req.destroy();
    while (leftovers().length && Date.now() < deadline + 10_000) await new Promise((r) => setTimeout(r, 20));
    expect(leftovers()).toEqual([]);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });
});

describe('bad rows', () => {
  it('a CSV with an unclosed quote is refused naming the row where the quote opens', async () => {
    const f = join(work, 'comilla.csv');
    writeFileSync(f, 'nombre,tipo,latitud,longitud\nEscuela A,educacion,29.07,-110.95\n"Escuela B,educacion,29.08,-110.96\nEscuela C,salud,29.09,-110.97\n');
    const r = await upload({ layer: 'equipamiento' }, [{ name: 'comilla.csv', path: f }]);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ parameter: 'archivo', detail: expect.stringMatching(/^comilla\.csv, fila 2 \(línea 3\): una comilla \("\) abre un valor y nunca se cierra/) });
    expect(leftovers()).toEqual([]);
  });

  it('equipamiento points outside every loaded municipio are listed; a file with none inside is refused and changes nothing', async () => {
    // One point inside the loaded municipio (its point on surface) and one in Mexico but outside it, both read back from PostGIS.
    const { rows: [m] } = await t.db.pool.query<{ cvegeo: string; lon: number; lat: number }>(
      `SELECT cvegeo, ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT cvegeo, ST_Transform(ST_PointOnSurface(geom), 4326) AS p FROM carto.municipio LIMIT 1) x`);
    const away = { lon: -99.1332, lat: 19.4326 };
    const { rows: [chk] } = await t.db.pool.query<{ inside: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM carto.municipio WHERE ST_Intersects(geom, ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 3857))) AS inside`, [away.lon, away.lat]);
    expect(chk.inside).toBe(false);
    const before = (await t.db.pool.query<{ n: number; h: string }>(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY id), '')) AS h FROM carto.equipamiento x`)).rows[0];

    const mixed = join(work, 'equipamiento.csv');
    writeFileSync(mixed, `nombre,tipo,latitud,longitud\nDentro,salud,${m.lat},${m.lon}\nFuera,educacion,${away.lat},${away.lon}\n`);
    const ok = await upload({ layer: 'equipamiento', dry_run: 'true' }, [{ name: 'equipamiento.csv', path: mixed }]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ cargados: 1, rechazados: [{ fila: 2, motivo: expect.stringMatching(new RegExp(`^fuera del municipio \\(${m.cvegeo}\\): lon -99\\.1332\\d*, lat 19\\.4326`)) }] });

    const outside = join(work, 'equipamiento_fuera.csv');
    writeFileSync(outside, `nombre,tipo,latitud,longitud\nUno,salud,${away.lat},${away.lon}\nDos,educacion,${away.lat + 0.01},${away.lon}\n`);
    const bad = await upload({ layer: 'equipamiento' }, [{ name: 'equipamiento_fuera.csv', path: outside }]);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      parameter: 'archivo',
      detail: expect.stringMatching(/equipamiento_fuera\.csv: ninguno de los 2 registros queda dentro de un municipio cargado \(fila 1: fuera del municipio .*; fila 2: fuera del municipio .*\); revise el sistema de coordenadas/),
    });
    const after = (await t.db.pool.query<{ n: number; h: string }>(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY id), '')) AS h FROM carto.equipamiento x`)).rows[0];
    expect(after).toEqual(before);
    expect(leftovers()).toEqual([]);
  });
});
