// Excel workbooks into a copy of the demo database: files written at run time by openpyxl (a third-party tool,
// Debian's python3-openpyxl), for projects and for indicators; a broken workbook or a bad cell changes nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '@sigmun/ingest/import/run';
import { DEFAULT_LIMITS, LimitError } from '@sigmun/ingest/import/limits';
import { buildTemplate } from '@sigmun/ingest/import/template';
import { parseIndicatorMapping } from '@sigmun/ingest/import/indicators';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { cloneTestDatabase, type TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
const tmp = mkdtempSync(join(tmpdir(), 'sigmun-xlsx-'));

beforeAll(async () => {
  db = await cloneTestDatabase('import_xlsx');
});
afterAll(async () => {
  await db?.drop();
  rmSync(tmp, { recursive: true, force: true });
});

const q = async (sql: string, p: unknown[] = []) => (await db.pool.query(sql, p)).rows;

/**
 * Runs a Python/openpyxl script that receives `data` as JSON on stdin. Rows are written as given: numbers as number
 * cells, strings "date:YYYY-MM-DD" as real date cells (so the reader must handle Excel dates, not text).
 */
function openpyxl(out: string, data: unknown, opts: { template?: string } = {}) {
  const script = `
import json, sys, datetime, openpyxl
d = json.load(sys.stdin)
wb = openpyxl.load_workbook(d['template']) if d.get('template') else openpyxl.Workbook()
ws = wb.worksheets[0]
if not d.get('template'):
    ws.title = 'Obras 2025'
    ws.append(d['header'])
for row in d['rows']:
    ws.append([datetime.date.fromisoformat(v[5:]) if isinstance(v, str) and v.startswith('date:') else v for v in row])
wb.save(d['out'])
`;
  execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify({ ...(data as object), out, template: opts.template }) });
}

const projectsSnapshot = async () =>
  (await q(`SELECT count(*)::int AS n, md5(string_agg(p::text, '|' ORDER BY id)) AS h FROM plan.projects p`))[0];

describe('XLSX import', () => {
  let prog: { clave: string };
  let c: { lon: number; lat: number };
  beforeAll(async () => {
    [prog] = await q(`SELECT clave FROM plan.programas ORDER BY id LIMIT 1`);
    [c] = await q(`SELECT ST_X(g) AS lon, ST_Y(g) AS lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS g FROM carto.municipio LIMIT 1) s`);
  });

  it('imports projects from a workbook written by openpyxl (date cells, numbers, a blank line)', async () => {
    const file = join(tmp, 'obras.xlsx');
    openpyxl(file, {
      header: ['clave', 'nombre', 'programa', 'dependencia', 'estatus', 'avance', 'presupuesto_aprobado', 'fecha_inicio', 'fecha_fin', 'anio', 'latitud', 'longitud'],
      rows: [
        ['XL-1', 'Pavimentación calle Ñandú', prog.clave, 'Obras Públicas', 'En proceso', 42.5, 1234567.5, 'date:2025-02-03', 'date:2025-10-31', 2025, c.lat, c.lon],
        [null, null, null, null, null, null, null, null, null, null, null, null],
        ['XL-2', 'Alumbrado', prog.clave, 'Servicios Públicos', 'planeado', 0, 90000, '2025-03-01', null, 2025, c.lat, c.lon],
      ],
    });
    const report = await runImport(db.url, { input: file, layer: 'projects' });
    expect(report).toMatchObject({ leidos: 2, cargados: 2, rechazados: [] });
    const rows = await q(`SELECT clave, nombre, estatus, avance::float8 AS avance, presupuesto_aprobado::float8 AS pa, fecha_inicio::text AS fi, fecha_fin::text AS ff
                          FROM plan.projects WHERE clave LIKE 'XL-%' ORDER BY clave`);
    expect(rows).toEqual([
      { clave: 'XL-1', nombre: 'Pavimentación calle Ñandú', estatus: 'en_proceso', avance: 42.5, pa: 1234567.5, fi: '2025-02-03', ff: '2025-10-31' },
      { clave: 'XL-2', nombre: 'Alumbrado', estatus: 'planeado', avance: 0, pa: 90000, fi: '2025-03-01', ff: null },
    ]);
  });

  it('imports indicators from a workbook written by openpyxl', async () => {
    const cols = await q(`SELECT cve_col FROM carto.colonias ORDER BY cve_col LIMIT 3`);
    const file = join(tmp, 'indicadores.xlsx');
    openpyxl(file, { header: ['cve_col', 'hogares_xl'], rows: cols.map((r, i) => [r.cve_col, 100 + i]) });
    const indicators = parseIndicatorMapping({ nivel: 'colonia', anio: 2024, fuente: 'Padrón de prueba' }, 'test');
    const report = await runImport(db.url, { input: file, layer: 'indicators', indicators });
    expect(report).toMatchObject({ cargados: 3, indicadores: ['hogares_xl'], sin_unidad: 0 });
    const got = await q(`SELECT clave, valor FROM stats.indicator_values WHERE indicator = 'hogares_xl' AND anio = 2024 ORDER BY clave`);
    expect(got).toEqual(cols.map((r, i) => ({ clave: r.cve_col, valor: 100 + i })));
  });

  it('a bad cell refuses the whole workbook naming the Excel row and column; nothing changes', async () => {
    const s0 = await projectsSnapshot();
    const file = join(tmp, 'malo.xlsx');
    openpyxl(file, {
      header: ['clave', 'nombre', 'programa', 'dependencia', 'avance', 'anio', 'latitud', 'longitud'],
      rows: [
        ['XL-1', 'Cambiado', prog.clave, 'Obras', 50, 2025, c.lat, c.lon],
        ['XL-9', 'Otro', prog.clave, 'Obras', 'mucho', 2025, c.lat, c.lon],
      ],
    });
    await expect(runImport(db.url, { input: file, layer: 'projects' })).rejects.toThrow('malo.xlsx, fila 3, campo «avance»: «mucho» no es un número');
    expect(await projectsSnapshot()).toEqual(s0);
  });

  it('a truncated workbook is refused with a message and nothing changes', async () => {
    const s0 = await projectsSnapshot();
    const good = join(tmp, 'obras.xlsx');
    const broken = join(tmp, 'roto.xlsx');
    const bytes = readFileSync(good);
    writeFileSync(broken, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(runImport(db.url, { input: broken, layer: 'projects' })).rejects.toThrow(/roto\.xlsx: no es un libro de Excel \.xlsx válido/);
    const renamed = join(tmp, 'texto.xlsx');
    writeFileSync(renamed, 'clave,nombre\nA,B\n');
    await expect(runImport(db.url, { input: renamed, layer: 'projects' })).rejects.toThrow(/texto\.xlsx: no es un libro de Excel/);
    expect(await projectsSnapshot()).toEqual(s0);
  });

  it('a workbook whose parts inflate past the per-entry limit is refused by its zip directory, before exceljs reads it', async () => {
    const s0 = await projectsSnapshot();
    const good = join(tmp, 'obras.xlsx');
    const padded = join(tmp, 'inflada.xlsx');
    writeFileSync(padded, readFileSync(good));
    // 24 MB of zeros (a few KB compressed) added as one more part, by the zip command, not by our code.
    writeFileSync(join(tmp, 'relleno.xml'), Buffer.alloc(24 * 1024 * 1024));
    execFileSync('zip', ['-q', '-j', padded, join(tmp, 'relleno.xml')]);
    const limits = { ...DEFAULT_LIMITS, entryBytes: 8 * 1024 * 1024 };
    await expect(runImport(db.url, { input: padded, layer: 'projects', limits })).rejects.toThrow(LimitError);
    await expect(runImport(db.url, { input: padded, layer: 'projects', limits })).rejects.toThrow(/inflada\.xlsx/);
    expect(await projectsSnapshot()).toEqual(s0);
  });

  it('the generated template, filled by openpyxl, imports', async () => {
    const template = join(tmp, 'plantilla.xlsx');
    writeFileSync(template, await buildTemplate('proyectos'));
    const header = JSON.parse(execFileSync('/usr/bin/python3', ['-c',
      `import json, openpyxl; ws = openpyxl.load_workbook('${template}').worksheets[0]; print(json.dumps([c.value for c in ws[1]]))`], { encoding: 'utf8' }));
    expect(header.slice(0, 2)).toEqual(['clave', 'nombre']);
    const value: Record<string, unknown> = {
      clave: 'XL-T', nombre: 'Desde plantilla', descripcion: null, programa: prog.clave, dependencia: 'DIF', estatus: 'en_proceso', avance: 10,
      presupuesto_aprobado: 5000, presupuesto_ejercido: 100, fecha_inicio: 'date:2025-01-15', fecha_fin: 'date:2025-12-15', anio: 2025,
      cve_col: null, latitud: c.lat, longitud: c.lon,
    };
    expect([...header].sort()).toEqual(Object.keys(value).sort());
    const filled = join(tmp, 'llena.xlsx');
    openpyxl(filled, { rows: [header.map((h: string) => value[h])] }, { template });
    expect(await runImport(db.url, { input: filled, layer: 'projects' })).toMatchObject({ cargados: 1, rechazados: [] });
    expect(await q(`SELECT dependencia, fecha_fin::text AS ff FROM plan.projects WHERE clave = 'XL-T'`)).toEqual([{ dependencia: 'DIF', ff: '2025-12-15' }]);
  });

  it('serves the templates over HTTP; an unknown one is a 400 naming the parameter', async () => {
    const app = await buildApp(loadConfig(process.env, { databaseUrl: db.url }), { logger: false });
    try {
      const res = await app.inject({ url: '/api/import/plantillas/indicadores.xlsx' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const file = join(tmp, 'descargada.xlsx');
      writeFileSync(file, res.rawPayload);
      const sheets = JSON.parse(execFileSync('/usr/bin/python3', ['-c',
        `import json, openpyxl; print(json.dumps(openpyxl.load_workbook('${file}').sheetnames))`], { encoding: 'utf8' }));
      expect(sheets).toEqual(['indicadores', 'instrucciones']);
      const bad = await app.inject({ url: '/api/import/plantillas/otra.xlsx' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().parameter).toBe('kind');
    } finally {
      await app.close();
    }
  });
});
