import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { Problem } from '@sigmun/domain/problem';
import { ProjectCard } from '@sigmun/domain/projects';
import { normalizeDependencia } from '@sigmun/domain/roles';
import {
  Avance, AVANCE_MAX_FOTOS, ProjectPermissions, AvanceFields, AvanceList, ConflictProblem, FormProblem, PHOTO_MAX_BYTES, PROJECT_GEOMETRY_TYPES,
  ProjectInput, avanceProblems, projectEtag, projectProblems, versionFromIfMatch, type FieldProblem,
} from '@sigmun/domain/seguimiento';
import { FormError, HttpError, notFound } from '../../errors.ts';
import { processPhoto, sendPhoto, storePhoto, PHOTO_FILE_RE, type ProcessedPhoto, type StoredPhoto } from '../../lib/photos.ts';
import { parseFields } from '../../lib/form-fields.ts';
import type { ProjectState } from '../../repositories/seguimiento.ts';
import type { Queryable } from '../../repositories/repository.ts';
import documentRoutes from './documents.ts';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
const EDITORS = ['planeacion', 'dependencia'] as const;


/** 403 unless the caller may edit projects of `dependencia` (planeacion and admin: any; dependencia: their own). */
export function assertMayEdit(req: FastifyRequest, dependencia: string): void {
  const user = req.user;
  if (!user) throw new HttpError(401, 'Inicie sesión para editar proyectos.');
  if (user.roles.includes('admin') || user.roles.includes('planeacion')) return;
  const want = normalizeDependencia(dependencia);
  if (!user.dependencias.some((d) => normalizeDependencia(d) === want)) {
    throw new HttpError(403, `Su cuenta no puede editar proyectos de la dependencia «${dependencia}» (puede: ${user.dependencias.join(', ') || 'ninguna'}).`);
  }
}

/** Today in Mexico City (reports are dated by the local calendar, not UTC). */
const todayMx = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City' }).format(new Date());

/** Database refusals a form can cause, as 400s naming the field. */
function formDbError(e: unknown): never {
  const err = e as { code?: string; constraint?: string; message?: string };
  if (err.code === '23505' && err.constraint === 'projects_clave_key') throw new HttpError(400, 'Ya existe un proyecto con esa clave.', 'clave');
  if (err.code === '23505' && err.constraint === 'project_progress_project_id_fecha_key') {
    throw new HttpError(400, 'Ya hay un reporte de avance con esa fecha para este proyecto; corrija la fecha.', 'fecha');
  }
  throw e;
}

/**
 * Seguimiento: create and edit projects (whole form, optimistic concurrency by version), progress reports with
 * photos, the reports' history and the photos themselves; documents in ./documents.ts.
 */
const seguimiento: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, { limits: { fileSize: PHOTO_MAX_BYTES, files: AVANCE_MAX_FOTOS + 1, fields: 20, fieldSize: 64 * 1024 } });

  /** Checks the form against the rules and the catalogs on `db`; throws FormError / 400 naming the field. */
  async function checkProject(db: Queryable, p: ProjectInput): Promise<void> {
    const broken = projectProblems(p);
    if (broken.length) throw new FormError(broken);
    const repo = app.seguimientoRepository.on(db);
    if (!(await repo.programaExists(p.programa_id))) throw new HttpError(400, `No existe el programa ${p.programa_id}.`, 'programa_id');
    if (p.cve_col && !(await repo.coloniaExists(p.cve_col))) throw new HttpError(400, `No existe la colonia «${p.cve_col}».`, 'cve_col');
    const geo = await repo.geometryProblem(JSON.stringify(p.geometry), PROJECT_GEOMETRY_TYPES);
    if (geo) throw new HttpError(400, `Geometría: ${geo}.`, 'geometry');
  }

  app.post('/api/projects', {
    config: { roles: EDITORS },
    schema: {
      tags: ['seguimiento'],
      summary: 'Crea un proyecto (planeación: cualquier dependencia; dependencia: las suyas)',
      body: ProjectInput,
      response: { 201: ProjectCard, 400: FormProblem, 401: Problem, 403: Problem },
    },
  }, async (req, reply) => {
    const p = req.body;
    assertMayEdit(req, p.dependencia);
    const card = await app.writeTx(req, async (client) => {
      await checkProject(client, p);
      const id = await app.seguimientoRepository.on(client).insertProject(p).catch(formDbError);
      return (await app.projectsRepository.on(client).card(id))!;
    });
    return reply.code(201).header('etag', projectEtag(card.version)).header('location', `/api/projects/${card.id}`).send(card);
  });

  app.put('/api/projects/:id', {
    config: { roles: EDITORS },
    schema: {
      tags: ['seguimiento'],
      summary: 'Guarda el formulario completo de un proyecto; requiere If-Match: "v<versión>" (o el campo version). Otra edición más reciente → 409 con los valores actuales',
      params: IdParams,
      headers: Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 40 })) }),
      body: ProjectInput,
      response: { 200: ProjectCard, 400: FormProblem, 401: Problem, 403: Problem, 404: Problem, 409: ConflictProblem, 428: Problem },
    },
  }, async (req, reply) => {
    const p = req.body;
    const version = versionFromIfMatch(req.headers['if-match']) ?? p.version ?? null;
    if (version === null) throw new HttpError(428, 'Falta la versión del proyecto que se editó: envíe If-Match: "v<versión>" (o el campo version).', 'If-Match');
    const out = await app.writeTx(req, async (client) => {
      const repo = app.seguimientoRepository.on(client);
      const cur = await repo.lockProject(req.params.id);
      if (!cur) throw notFound(`No existe el proyecto ${req.params.id}`);
      assertMayEdit(req, cur.dependencia);
      if (p.dependencia !== cur.dependencia) assertMayEdit(req, p.dependencia);
      if (cur.version !== version) return { conflict: (await app.projectsRepository.on(client).card(cur.id))! };
      await checkProject(client, p);
      if (!(await repo.updateProject(cur.id, version, p).catch(formDbError))) return { conflict: (await app.projectsRepository.on(client).card(cur.id))! };
      return { card: (await app.projectsRepository.on(client).card(cur.id))! };
    });
    if (out.conflict) {
      const actual = out.conflict;
      return reply.code(409).type('application/problem+json').header('etag', projectEtag(actual.version)).send({
        type: 'about:blank', title: 'Conflicto', status: 409, parameter: 'If-Match', instance: req.url, actual,
        detail: `Otra persona guardó este proyecto (versión ${actual.version}) después de que usted lo abrió (versión ${version}); revise los valores actuales y vuelva a guardar.`,
      });
    }
    return reply.header('etag', projectEtag(out.card!.version)).send(out.card!);
  });

  app.get('/api/projects/:id/permisos', {
    schema: {
      tags: ['seguimiento'],
      summary: 'Qué puede hacer quien llama con este proyecto (público: anónimo responde editar=false), y su token CSRF',
      params: IdParams,
      response: { 200: ProjectPermissions, 404: Problem },
    },
  }, async (req, reply) => {
    const dependencia = await app.seguimientoRepository.projectDependencia(req.params.id);
    if (dependencia === null) throw notFound(`No existe el proyecto ${req.params.id}`);
    reply.header('cache-control', 'no-store');
    let editar = false;
    try {
      assertMayEdit(req, dependencia);
      editar = true;
    } catch {
      // Anonymous or another dependencia: the answer is "no", not an error.
    }
    const u = req.user;
    return { editar, usuario: u ? { nombre: u.nombre ?? u.email, roles: u.roles, dependencias: u.dependencias } : null, csrf: req.session?.csrf ?? null };
  });

  app.get('/api/projects/:id/avances', {
    schema: {
      tags: ['seguimiento'],
      summary: 'Historial de reportes de avance de un proyecto, con autor y fotos',
      params: IdParams,
      response: { 200: AvanceList, 404: Problem },
    },
  }, async (req) => {
    if (!(await app.seguimientoRepository.projectExists(req.params.id))) throw notFound(`No existe el proyecto ${req.params.id}`);
    return { project_id: req.params.id, items: await app.seguimientoRepository.listAvances(req.params.id) };
  });

  app.post('/api/projects/:id/avances', {
    config: { roles: EDITORS },
    schema: {
      tags: ['seguimiento'],
      summary: `Reporta un avance (multipart: fecha, avance, presupuesto_ejercido, estatus, nota, justificacion y hasta ${AVANCE_MAX_FOTOS} archivos «foto» de ${PHOTO_MAX_BYTES / 1048576} MB cada uno)`,
      consumes: ['multipart/form-data'],
      params: IdParams,
      response: { 201: Avance, 400: FormProblem, 401: Problem, 403: Problem, 404: Problem, 413: Problem, 415: Problem },
    },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new HttpError(415, 'Envíe el reporte como multipart/form-data (campos y archivos «foto»).', 'foto');
    const raw: Record<string, string> = {};
    const photos: ProcessedPhoto[] = [];
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'foto') throw new HttpError(400, `Archivo inesperado «${part.fieldname}»: las fotos van en el campo «foto».`, part.fieldname);
          if (photos.length >= AVANCE_MAX_FOTOS) throw new HttpError(400, `Un reporte lleva como máximo ${AVANCE_MAX_FOTOS} fotos.`, 'foto');
          photos.push(await processPhoto(await part.toBuffer(), 'foto'));
        } else {
          raw[part.fieldname] = String(part.value);
        }
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new HttpError(413, `Una foto excede el máximo de ${PHOTO_MAX_BYTES / 1048576} MB.`, 'foto');
      if (code === 'FST_FILES_LIMIT') throw new HttpError(400, `Un reporte lleva como máximo ${AVANCE_MAX_FOTOS} fotos.`, 'foto');
      throw e;
    }
    const a = parseFields(AvanceFields, raw);
    const stored: StoredPhoto[] = [];
    try {
      const id = await app.writeTx(req, async (client) => {
        const repo = app.seguimientoRepository.on(client);
        const project: ProjectState | null = await repo.lockProject(req.params.id);
        if (!project) throw notFound(`No existe el proyecto ${req.params.id}`);
        assertMayEdit(req, project.dependencia);
        const broken = avanceProblems(a, project, await repo.latestAvance(project.id), todayMx());
        if (broken.length) throw new FormError(broken);
        const pid = await repo.insertAvance(project.id, req.user!.id, { ...a, nota: a.nota?.trim() || null, justificacion: a.justificacion?.trim() || null })
          .catch(formDbError);
        for (const [i, photo] of photos.entries()) {
          const s = await storePhoto(app.config.mediaDir, 'avances', photo);
          stored.push(s);
          await repo.insertFoto(pid, i + 1, s);
        }
        return pid;
      });
      const item = (await app.seguimientoRepository.listAvances(req.params.id)).find((x) => x.id === id)!;
      return reply.code(201).send(item);
    } catch (e) {
      // The rows rolled back: the files they named go too.
      await Promise.all(stored.map((s) => s.remove()));
      throw e;
    }
  });

  app.get('/media/avances/:file', {
    schema: {
      tags: ['seguimiento'],
      summary: 'Foto publicada de un reporte de avance (JPEG sin metadatos) o su miniatura (.thumb.jpg)',
      params: Type.Object({ file: Type.String({ pattern: PHOTO_FILE_RE.source, maxLength: 60 }) }),
      response: { 404: Problem },
    },
  }, async (req, reply) => sendPhoto(reply, app.config.mediaDir, 'avances', req.params.file));

  await app.register(documentRoutes);
};
export default seguimiento;
