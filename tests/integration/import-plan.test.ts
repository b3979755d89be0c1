// Projects and proposals from a planner's table (CSV with lat/lon) into a copy of the demo database: updated by key,
// looked up against the catalogs, and refused as a whole when a row names a programa that does not exist.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '@sigmun/ingest/import/run';
import { cloneTestDatabase, type TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
const tmp = mkdtempSync(join(tmpdir(), 'sigmun-plan-'));

beforeAll(async () => {
  db = await cloneTestDatabase('import_plan');
  db.pool.on('error', () => {});
});
afterAll(async () => {
  await db?.drop();
  rmSync(tmp, { recursive: true, force: true });
});

const q = async (sql: string, p: unknown[] = []) => (await db.pool.query(sql, p)).rows;

describe('projects and proposals', () => {
  it('upserts projects by clave and places proposals in the zone that contains them', async () => {
    const [prog] = await q(`SELECT clave FROM plan.programas ORDER BY id LIMIT 1`);
    const [zone] = await q(`SELECT z.id, p.clave AS proceso, ST_X(ST_Transform(ST_PointOnSurface(z.geom), 4326)) AS lon,
                                   ST_Y(ST_Transform(ST_PointOnSurface(z.geom), 4326)) AS lat
                            FROM partic.zones z JOIN partic.processes p ON p.id = z.process_id ORDER BY z.id LIMIT 1`);
    const csv = join(tmp, 'proyectos.csv');
    const rows = (avance: string) => `clave;nombre;programa;dependencia;estatus;avance;presupuesto_aprobado;anio;latitud;longitud\r\n` +
      `IMP-1;Parque lineal;${prog.clave};Obras Públicas;En proceso;${avance};"1,234,567.50";2024;${zone.lat};${zone.lon}\r\n`;
    writeFileSync(csv, rows('45.5'));
    const before = (await q(`SELECT count(*)::int AS n FROM plan.projects`))[0].n;
    expect(await runImport(db.url, { input: csv, layer: 'projects' })).toMatchObject({ cargados: 1, rechazados: [] });
    writeFileSync(csv, rows('60'));
    await runImport(db.url, { input: csv, layer: 'projects' });
    expect(await q(`SELECT estatus, avance, presupuesto_aprobado FROM plan.projects WHERE clave = 'IMP-1'`))
      .toEqual([{ estatus: 'en_proceso', avance: 60, presupuesto_aprobado: 1234567.5 }]);
    expect((await q(`SELECT count(*)::int AS n FROM plan.projects`))[0].n).toBe(before + 1);

    const pcsv = join(tmp, 'propuestas.csv');
    writeFileSync(pcsv, `folio,proceso,titulo,categoria,votos,lat,lon\nIMP-F1,${zone.proceso},Luminarias,alumbrado,12,${zone.lat},${zone.lon}\n`);
    expect(await runImport(db.url, { input: pcsv, layer: 'proposals' })).toMatchObject({ cargados: 1 });
    expect(await q(`SELECT zone_id, votos, estatus FROM partic.proposals WHERE folio = 'IMP-F1'`)).toEqual([{ zone_id: zone.id, votos: 12, estatus: 'registrada' }]);
  });

  it('refuses the whole file when a row names a programa that does not exist', async () => {
    const snap = async () => (await q(`SELECT count(*)::int AS n, md5(string_agg(p::text, '|' ORDER BY id)) AS h FROM plan.projects p`))[0];
    const s0 = await snap();
    const csv = join(tmp, 'malo.csv');
    const [prog] = await q(`SELECT clave FROM plan.programas ORDER BY id LIMIT 1`);
    const [c] = await q(`SELECT ST_X(ST_Transform(ST_PointOnSurface(geom), 4326)) AS lon, ST_Y(ST_Transform(ST_PointOnSurface(geom), 4326)) AS lat FROM carto.municipio LIMIT 1`);
    writeFileSync(csv, `clave,nombre,programa,dependencia,anio,latitud,longitud\nIMP-2,A,${prog.clave},Obras,2024,${c.lat},${c.lon}\nIMP-3,B,NO-EXISTE,Obras,2024,${c.lat},${c.lon}\n`);
    await expect(runImport(db.url, { input: csv, layer: 'projects' })).rejects.toThrow('malo.csv, fila 2, campo «programa»: «NO-EXISTE» no existe en el catálogo');
    expect(await snap()).toEqual(s0);
  });
});
