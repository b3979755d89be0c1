// Seguimiento on a copy of the demo database: a dependencia reports progress with a photo (published without GPS,
// read back by exiftool), the history lists it with its author, the rules refuse what they must, two concurrent
// saves give one 200 and one 409 with nothing lost, bad geometry is refused, documents upload and are searchable,
// and every write leaves its audit row.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it, afterAll } from 'vitest';
import { placeholderPdf } from '../../apps/server/src/lib/placeholder-pdf.ts';
import { bearer, createUser } from '../support/auth.ts';
import { useTestApp } from '../support/test-app.ts';

const media = mkdtempSync(join(tmpdir(), 'sigmun-media-'));
const docs = mkdtempSync(join(tmpdir(), 'sigmun-docs-'));
const t = useTestApp('seguimiento', { mediaDir: media, documentsDir: docs });
afterAll(() => {
  rmSync(media, { recursive: true, force: true });
  rmSync(docs, { recursive: true, force: true });
});

const q = async (sql: string, p: unknown[] = []) => (await t.db.pool.query(sql, p)).rows;

/** A multipart body built by the platform's FormData (undici), as a browser would send it. */
async function multipart(fields: Record<string, string>, files: Array<{ field: string; name: string; type: string; bytes: Buffer }> = []) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files) fd.append(f.field, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  const res = new Response(fd);
  return { payload: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } };
}

/** A phone-like JPEG carrying GPS and camera tags, written by exiftool. */
function gpsJpeg(dir: string, bytes: Buffer): Buffer {
  const path = join(dir, `gps-${Math.random().toString(36).slice(2)}.jpg`);
  writeFileSync(path, bytes);
  execFileSync('exiftool', ['-q', '-overwrite_original', '-GPSLatitude=29.1', '-GPSLatitudeRef=N', '-GPSLongitude=110.9', '-GPSLongitudeRef=W', '-Make=PhoneCo', path]);
  const out = execFileSync('cat', [path]);
  rmSync(path);
  return out;
}

/** Audit rows of one table and key written after audit id `since`. */
const auditSince = (since: number, tabla: string, clave?: string) =>
  q(`SELECT actor, action, clave, old_row, new_row FROM audit.log WHERE id > $1 AND tabla = $2 AND ($3::text IS NULL OR clave = $3) ORDER BY id`, [since, tabla, clave ?? null]);
const lastAuditId = async () => Number((await q(`SELECT coalesce(max(id), 0) AS id FROM audit.log`))[0].id);

let project: { id: number; dependencia: string; presupuesto_aprobado: number; fecha_inicio: string | null };
let dep: { id: number; token: string; nombre: string };
let otherToken: string;
let planToken: string;
let jpeg: Buffer;

beforeAll(async () => {
  [project] = await q(`SELECT id, dependencia, presupuesto_aprobado::float8 AS presupuesto_aprobado, fecha_inicio::text AS fecha_inicio
                       FROM plan.projects WHERE estatus = 'en_proceso' AND avance < 90 AND presupuesto_aprobado > 0 ORDER BY id LIMIT 1`);
  const [other] = await q(`SELECT dependencia FROM plan.projects WHERE dependencia <> $1 LIMIT 1`, [project.dependencia]);
  const u = await createUser(t.db.url, { email: 'obras@sigmun.test', nombre: 'Ing. Laura Obras', roles: ['dependencia'], dependencias: [project.dependencia] });
  dep = { id: u.id, token: await bearer(t.db.url, u.email), nombre: 'Ing. Laura Obras' };
  await createUser(t.db.url, { email: 'otra@sigmun.test', roles: ['dependencia'], dependencias: [other.dependencia] });
  otherToken = await bearer(t.db.url, 'otra@sigmun.test');
  await createUser(t.db.url, { email: 'plan@sigmun.test', nombre: 'Planeación', roles: ['planeacion'] });
  planToken = await bearer(t.db.url, 'plan@sigmun.test');
  const w = 1200, h = 900;
  const raw = Buffer.alloc(w * h * 3);
  for (let i = 0; i < w * h; i++) raw.set([i % 251, (i / w) % 251, 90], i * 3);
  jpeg = gpsJpeg(media, await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg().toBuffer());
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City' }).format(new Date());

async function latest(id: number) {
  return (await q(`SELECT fecha::text AS fecha, avance::float8 AS avance FROM plan.project_progress WHERE project_id = $1 ORDER BY fecha DESC, id DESC LIMIT 1`, [id]))[0];
}

describe('avances (progress reports)', () => {
  it('a dependencia user reports progress with a photo: the history lists it with its author; the photo has no GPS', async () => {
    const prev = await latest(project.id);
    const since = await lastAuditId();
    const body = await multipart(
      { fecha: today(), avance: String(Math.min(100, Number(prev?.avance ?? 0) + 5)), presupuesto_ejercido: '1000', estatus: 'en_proceso', nota: 'Colado de banquetas' },
      [{ field: 'foto', name: 'obra.jpg', type: 'image/jpeg', bytes: jpeg }],
    );
    const res = await t.app.inject({ method: 'POST', url: `/api/projects/${project.id}/avances`, headers: { ...auth(dep.token), ...body.headers }, payload: body.payload });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ autor: dep.nombre, nota: 'Colado de banquetas', fecha: today() });
    expect(created.fotos).toHaveLength(1);

    const hist = (await t.app.inject({ url: `/api/projects/${project.id}/avances` })).json();
    expect(hist.items[0]).toMatchObject({ id: created.id, autor: dep.nombre, fotos: created.fotos });
    const card = (await t.app.inject({ url: `/api/projects/${project.id}` })).json();
    expect(card.progreso.at(-1)).toMatchObject({ id: created.id, autor: dep.nombre });
    expect(card.avance).toBe(Number(created.avance));

    for (const url of [created.fotos[0].url, created.fotos[0].thumb_url]) {
      const photo = await t.app.inject({ url });
      expect(photo.statusCode).toBe(200);
      expect(photo.headers['content-type']).toBe('image/jpeg');
      const path = join(media, 'check.jpg');
      writeFileSync(path, photo.rawPayload);
      const tags = JSON.parse(execFileSync('exiftool', ['-json', '-a', '-G1', path], { encoding: 'utf8' }))[0];
      expect(Object.keys(tags).filter((k) => /GPS|IFD0|ExifIFD/.test(k))).toEqual([]);
    }

    const audit = await auditSince(since, 'plan.project_progress', String(created.id));
    expect(audit).toEqual([expect.objectContaining({ actor: expect.stringMatching(/^token:\d+$/), action: 'INSERT' })]);
    expect(audit[0].new_row).toMatchObject({ autor_id: dep.id, nota: 'Colado de banquetas' });
    expect(await auditSince(since, 'plan.avance_fotos')).toHaveLength(1);
    expect((await auditSince(since, 'plan.projects', String(project.id))).map((r) => r.action)).toEqual(['UPDATE']);
  });

  it('a non-image renamed .jpg is refused by its bytes; nothing is written, no file is left', async () => {
    const before = (await q(`SELECT count(*)::int AS n FROM plan.project_progress`))[0].n;
    const files = readdirSync(join(media, 'avances')).length;
    const body = await multipart({ fecha: today(), avance: '99', presupuesto_ejercido: '1', estatus: 'en_proceso', nota: 'x' },
      [{ field: 'foto', name: 'foto.jpg', type: 'image/jpeg', bytes: Buffer.from('MZ\x90\x00 esto es un ejecutable, no una foto') }]);
    const res = await t.app.inject({ method: 'POST', url: `/api/projects/${project.id}/avances`, headers: { ...auth(dep.token), ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ parameter: 'foto', detail: expect.stringContaining('no es una imagen') });
    expect((await q(`SELECT count(*)::int AS n FROM plan.project_progress`))[0].n).toBe(before);
    expect(readdirSync(join(media, 'avances')).length).toBe(files);
  });

  it('says who may edit: the own dependencia yes, another no, anonymous no (200, no error)', async () => {
    const mine = (await t.app.inject({ url: `/api/projects/${project.id}/permisos`, headers: auth(dep.token) })).json();
    expect(mine).toMatchObject({ editar: true, usuario: { nombre: dep.nombre, roles: ['dependencia'] } });
    expect((await t.app.inject({ url: `/api/projects/${project.id}/permisos`, headers: auth(otherToken) })).json().editar).toBe(false);
    const anon = await t.app.inject({ url: `/api/projects/${project.id}/permisos` });
    expect(anon.statusCode).toBe(200);
    expect(anon.json()).toEqual({ editar: false, usuario: null, csrf: null });
  });

  it('another dependencia gets 403 and nothing changes; anonymous gets 401', async () => {
    const snap = await q(`SELECT p::text FROM plan.projects p WHERE id = $1`, [project.id]);
    const body = await multipart({ fecha: today(), avance: '99', presupuesto_ejercido: '1', estatus: 'en_proceso', nota: 'x' });
    const res = await t.app.inject({ method: 'POST', url: `/api/projects/${project.id}/avances`, headers: { ...auth(otherToken), ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(403);
    const anon = await t.app.inject({ method: 'POST', url: `/api/projects/${project.id}/avances`, headers: body.headers, payload: body.payload });
    expect(anon.statusCode).toBe(401);
    expect(await q(`SELECT p::text FROM plan.projects p WHERE id = $1`, [project.id])).toEqual(snap);
  });

  it('enforces the rules: no decrease without a note, concluido is 100 %, over-spending needs a justification', async () => {
    const prev = await latest(project.id);
    const post = async (fields: Record<string, string>) => {
      const body = await multipart({ fecha: today(), estatus: 'en_proceso', presupuesto_ejercido: '2000', ...fields });
      return t.app.inject({ method: 'POST', url: `/api/projects/${project.id}/avances`, headers: { ...auth(dep.token), ...body.headers }, payload: body.payload });
    };
    // Same date as the last report: first the rules, then the date uniqueness.
    const down = await post({ avance: String(prev.avance - 10) });
    expect(down.statusCode).toBe(400);
    expect(down.json()).toMatchObject({ parameter: 'nota', detail: expect.stringContaining(`baja de ${prev.avance} %`) });
    const concl = await post({ avance: '80', estatus: 'concluido', nota: 'n' });
    expect(concl.json().errores.map((e: { code: string }) => e.code)).toContain('concluido_100');
    const over = await post({ avance: String(prev.avance), presupuesto_ejercido: String(project.presupuesto_aprobado + 1), nota: 'n' });
    expect(over.statusCode).toBe(400);
    expect(over.json()).toMatchObject({ parameter: 'justificacion' });
    const range = await post({ avance: '120' });
    expect(range.json()).toMatchObject({ status: 400, parameter: 'avance' });
    const sameDay = await post({ avance: String(prev.avance), nota: 'otra' });
    expect(sameDay.json()).toMatchObject({ status: 400, parameter: 'fecha' });
    expect(await latest(project.id)).toEqual(prev);
  });
});

describe('project form', () => {
  const poly = (lon: number, lat: number, d = 0.002) => ({
    type: 'Polygon' as const,
    coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
  });
  let centre: { lon: number; lat: number };
  let base: Record<string, unknown>;
  beforeAll(async () => {
    [centre] = await q(`SELECT ST_X(g) AS lon, ST_Y(g) AS lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS g FROM plan.projects WHERE id = $1) s`, [project.id]);
    const card = (await t.app.inject({ url: `/api/projects/${project.id}` })).json();
    base = {
      clave: card.clave, nombre: card.nombre, descripcion: card.descripcion, programa_id: card.programa.id, dependencia: card.dependencia,
      estatus: card.estatus, avance: card.avance, presupuesto_aprobado: card.presupuesto_aprobado, presupuesto_ejercido: card.presupuesto_ejercido,
      justificacion_sobreejercicio: card.justificacion_sobreejercicio, fecha_inicio: card.fecha_inicio, fecha_fin: card.fecha_fin, anio: card.anio,
      cve_col: card.cve_col, geometry: poly(centre.lon, centre.lat),
    };
  });

  it('two concurrent saves of the same version: one 200, one 409 with the current values; nothing lost', async () => {
    const { version } = (await t.app.inject({ url: `/api/projects/${project.id}` })).json();
    const since = await lastAuditId();
    const save = (nombre: string, token: string) => t.app.inject({
      method: 'PUT', url: `/api/projects/${project.id}`, headers: { ...auth(token), 'if-match': `"v${version}"` }, payload: { ...base, nombre },
    });
    const [a, b] = await Promise.all([save('Nombre de Laura', dep.token), save('Nombre de Planeación', planToken)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [won, lost] = a.statusCode === 200 ? [a, b] : [b, a];
    const row = (await q(`SELECT nombre, version FROM plan.projects WHERE id = $1`, [project.id]))[0];
    expect(row).toEqual({ nombre: won.json().nombre, version: version + 1 });
    expect(won.headers.etag).toBe(`"v${version + 1}"`);
    expect(lost.headers['content-type']).toContain('application/problem+json');
    expect(lost.json().actual).toMatchObject({ nombre: row.nombre, version: row.version });
    // The loser sees the current values and saves again on top of them: now it goes through.
    const retry = await t.app.inject({
      method: 'PUT', url: `/api/projects/${project.id}`, headers: { ...auth(planToken), 'if-match': lost.headers.etag as string }, payload: { ...base, nombre: 'Nombre acordado' },
    });
    expect(retry.statusCode).toBe(200);
    const audit = await auditSince(since, 'plan.projects', String(project.id));
    expect(audit.map((r) => [r.action, r.new_row.nombre])).toEqual([['UPDATE', won.json().nombre], ['UPDATE', 'Nombre acordado']]);
    const missing = await t.app.inject({ method: 'PUT', url: `/api/projects/${project.id}`, headers: auth(planToken), payload: base });
    expect(missing.statusCode).toBe(428);
  });

  it('refuses an invalid geometry and one outside the municipality, naming the problem; the row is unchanged', async () => {
    const card = (await t.app.inject({ url: `/api/projects/${project.id}` })).json();
    const snap = await q(`SELECT p::text FROM plan.projects p WHERE id = $1`, [project.id]);
    const bowtie = { type: 'Polygon', coordinates: [[[centre.lon, centre.lat], [centre.lon + 0.01, centre.lat + 0.01], [centre.lon + 0.01, centre.lat], [centre.lon, centre.lat + 0.01], [centre.lon, centre.lat]]] };
    const put = (geometry: unknown) => t.app.inject({ method: 'PUT', url: `/api/projects/${project.id}`, headers: { ...auth(dep.token), 'if-match': `"v${card.version}"` }, payload: { ...base, geometry } });
    const invalid = await put(bowtie);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ parameter: 'geometry', detail: expect.stringMatching(/geometría inválida: el trazo se cruza a sí mismo \(cerca de/) });
    const far = await put(poly(-99.13, 19.43));
    expect(far.statusCode).toBe(400);
    expect(far.json()).toMatchObject({ parameter: 'geometry', detail: expect.stringContaining('fuera del municipio') });
    const open = await put({ type: 'Polygon', coordinates: [[[centre.lon, centre.lat], [centre.lon + 0.01, centre.lat], [centre.lon, centre.lat + 0.01]]] });
    expect(open.json()).toMatchObject({ status: 400, parameter: 'geometry' });
    expect(await q(`SELECT p::text FROM plan.projects p WHERE id = $1`, [project.id])).toEqual(snap);
  });

  it('a new project by planeación shows at once in tiles version, search and "Cerca de mí"; dependencia cannot create for others', async () => {
    const v0 = Number((await q(`SELECT version FROM meta.layer_versions WHERE layer = 'proyectos'`))[0].version);
    const since = await lastAuditId();
    const geometry = poly(centre.lon + 0.0005, centre.lat + 0.0005, 0.0008);
    const res = await t.app.inject({
      method: 'POST', url: '/api/projects', headers: auth(planToken),
      payload: { ...base, clave: 'SEG-NUEVO-1', nombre: 'Glorieta Xochicalco', estatus: 'planeado', avance: 0, presupuesto_ejercido: 0, justificacion_sobreejercicio: null, geometry },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(res.json().geometry.type).toBe('Polygon');
    expect(Number((await q(`SELECT version FROM meta.layer_versions WHERE layer = 'proyectos'`))[0].version)).toBeGreaterThan(v0);
    const search = (await t.app.inject({ url: '/api/search?q=xochicalco' })).json();
    expect(search.hits.some((h: { type: string; id: string }) => h.type === 'proyecto' && h.id === String(id))).toBe(true);
    const near = (await t.app.inject({ url: `/api/projects/near?lon=${centre.lon + 0.0009}&lat=${centre.lat + 0.0009}&limit=5` })).json();
    expect(near.items.find((p: { id: number }) => p.id === id)).toMatchObject({ distance_m: 0 });
    expect(await auditSince(since, 'plan.projects', String(id))).toEqual([expect.objectContaining({ action: 'INSERT', actor: expect.stringMatching(/^token:/) })]);

    const forOthers = await t.app.inject({ method: 'POST', url: '/api/projects', headers: auth(otherToken), payload: { ...base, clave: 'SEG-NUEVO-2' } });
    expect(forOthers.statusCode).toBe(403);
    const dup = await t.app.inject({ method: 'POST', url: '/api/projects', headers: auth(planToken), payload: { ...base, clave: 'SEG-NUEVO-1' } });
    expect(dup.json()).toMatchObject({ status: 400, parameter: 'clave' });
    const dates = await t.app.inject({ method: 'POST', url: '/api/projects', headers: auth(planToken), payload: { ...base, clave: 'SEG-NUEVO-3', fecha_inicio: '2025-05-01', fecha_fin: '2025-01-01' } });
    expect(dates.json()).toMatchObject({ status: 400, parameter: 'fecha_fin' });
    expect((await q(`SELECT count(*)::int AS n FROM plan.projects WHERE clave IN ('SEG-NUEVO-2', 'SEG-NUEVO-3')`))[0].n).toBe(0);
  });
});

describe('documents', () => {
  it('uploads a PDF to a project (checked by its bytes), lists it on the card and finds it by Spanish full-text search', async () => {
    const since = await lastAuditId();
    const pdf = placeholderPdf('Contrato de obra pública', ['Pavimentación con concreto hidráulico de las calles del barrio.', 'Cláusula de garantías.']);
    const body = await multipart({ titulo: 'Contrato OP-17', tipo: 'contrato', fecha: '2025-03-10', project: String(project.id) },
      [{ field: 'archivo', name: 'contrato.pdf', type: 'application/pdf', bytes: pdf }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/documents', headers: { ...auth(dep.token), ...body.headers }, payload: body.payload });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc.paginas_texto).toBe(true);
    const card = (await t.app.inject({ url: `/api/projects/${project.id}` })).json();
    expect(card.documentos.map((d: { id: number }) => d.id)).toContain(doc.id);
    const file = await t.app.inject({ url: doc.url });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    // "garantía cláusulas" stems to the words of the text ("Cláusula de garantías"): Spanish configuration, not substrings.
    const hits = (await t.app.inject({ url: `/api/documents/search?q=${encodeURIComponent('garantía cláusulas')}` })).json();
    expect(hits.items[0]).toMatchObject({ id: doc.id, ficticio: false, extracto: expect.stringContaining('«garantías»') });
    const demo = (await t.app.inject({ url: '/api/documents/search?q=ficha%20t%C3%A9cnica&limit=3' })).json();
    expect(demo.items.length).toBeGreaterThan(0);
    expect(demo.items.every((d: { ficticio: boolean }) => d.ficticio)).toBe(true);
    expect(await auditSince(since, 'plan.documents', String(doc.id))).toEqual([expect.objectContaining({ action: 'INSERT' })]);

    const fake = await multipart({ titulo: 'Acta falsa', tipo: 'acta', project: String(project.id) },
      [{ field: 'archivo', name: 'acta.pdf', type: 'application/pdf', bytes: Buffer.from('<html>no soy pdf</html>') }]);
    const bad = await t.app.inject({ method: 'POST', url: '/api/documents', headers: { ...auth(dep.token), ...fake.headers }, payload: fake.payload });
    expect(bad.statusCode).toBe(415);
    expect(bad.json()).toMatchObject({ parameter: 'archivo' });
    expect(readdirSync(docs).filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
  });
});
