import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Problem } from '@sigmun/domain/problem';
import { Nullable, StringEnum } from '@sigmun/domain/schema';
import { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, DocumentAreaLevel, PlanDocument, UploadedDocument } from '@sigmun/domain/seguimiento';
import { HttpError, notFound } from '../../errors.ts';
import { parseFields } from '../../lib/form-fields.ts';
import { assertMayEdit } from './index.ts';

const run = promisify(execFile);

const DocumentFields = Type.Object({
  titulo: Type.String({ minLength: 3, maxLength: 300 }),
  tipo: StringEnum(DOCUMENT_TYPES),
  fecha: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  project: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  nivel: Type.Optional(DocumentAreaLevel),
  clave: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
}, { additionalProperties: false });

const SearchHit = Type.Object({
  ...PlanDocument.properties,
  proyecto: Nullable(Type.String()),
  /** The demo's placeholder documents (no real file: a page saying so is served). */
  ficticio: Type.Boolean(),
  extracto: Type.String({ description: 'Fragmento con los términos encontrados, marcados con «»' }),
  rank: Type.Number(),
});

/**
 * The text of a PDF by poppler's pdftotext (a maintained parser, not ours); a file it cannot open is not a PDF we
 * accept. The bytes are checked first: "%PDF-" at the start, whatever the file is called.
 */
async function pdfText(path: string, head: Buffer): Promise<string> {
  if (head.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new HttpError(415, 'El archivo no es un PDF (se revisa su contenido, no su nombre); exporte el documento como PDF.', 'archivo');
  }
  try {
    const { stdout } = await run('pdftotext', ['-q', '-enc', 'UTF-8', '-l', '300', path, '-'], { maxBuffer: 32 * 1024 * 1024, timeout: 60_000 });
    return stdout.replace(/\f/g, '\n').replace(/[ \t]+/g, ' ').trim();
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') throw new Error('pdftotext no está instalado (paquete poppler-utils)');
    throw new HttpError(415, 'El PDF está dañado o incompleto y no se puede leer; vuelva a exportarlo.', 'archivo');
  }
}

/** Documents: PDF upload to a project or an area, and Spanish full-text search. */
const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/documents', {
    config: { roles: ['planeacion', 'dependencia'] },
    schema: {
      tags: ['seguimiento'],
      summary: `Sube un PDF (ficha técnica, contrato, acta…) a un proyecto (campo project) o a un área (nivel + clave; solo planeación); multipart con titulo, tipo (${DOCUMENT_TYPES.join(', ')}), fecha y el archivo «archivo» (máx. ${DOCUMENT_MAX_BYTES / 1048576} MB)`,
      consumes: ['multipart/form-data'],
      response: { 201: UploadedDocument, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 413: Problem, 415: Problem },
    },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new HttpError(415, 'Envíe el documento como multipart/form-data (campo «archivo»).', 'archivo');
    const raw: Record<string, string> = {};
    let bytes: Buffer | null = null;
    try {
      for await (const part of req.parts({ limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1 } })) {
        if (part.type === 'file') {
          if (part.fieldname !== 'archivo') throw new HttpError(400, `Archivo inesperado «${part.fieldname}»: el PDF va en el campo «archivo».`, part.fieldname);
          bytes = await part.toBuffer();
        } else raw[part.fieldname] = String(part.value);
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new HttpError(413, `El documento excede el máximo de ${DOCUMENT_MAX_BYTES / 1048576} MB.`, 'archivo');
      if (code === 'FST_FILES_LIMIT') throw new HttpError(400, 'Suba un documento a la vez.', 'archivo');
      throw e;
    }
    const f = parseFields(DocumentFields, raw);
    if (!bytes?.length) throw new HttpError(400, 'Falta el archivo PDF (campo «archivo»).', 'archivo');
    if ((f.project === undefined) === (f.nivel === undefined || f.clave === undefined)) {
      throw new HttpError(400, 'Indique el proyecto (project) o el área (nivel y clave), uno de los dos.', f.project === undefined ? 'project' : 'nivel');
    }
    await mkdir(app.config.documentsDir, { recursive: true });
    const archivo = `${randomUUID()}.pdf`;
    const path = join(app.config.documentsDir, archivo);
    const tmp = join(app.config.documentsDir, `.${archivo}.tmp`);
    await writeFile(tmp, bytes);
    let published = false;
    try {
      const texto = await pdfText(tmp, bytes);
      const id = await app.writeTx(req, async (client) => {
        const repo = app.seguimientoRepository.on(client);
        if (f.project !== undefined) {
          const p = await repo.lockProject(f.project);
          if (!p) throw notFound(`No existe el proyecto ${f.project}`);
          assertMayEdit(req, p.dependencia);
        } else {
          if (!req.user!.roles.some((r) => r === 'admin' || r === 'planeacion')) throw new HttpError(403, 'Solo planeación sube documentos de un área.');
          if (!(await repo.areaExists(f.nivel!, f.clave!))) throw new HttpError(400, `No existe ${f.nivel} «${f.clave}».`, 'clave');
        }
        const docId = await repo.insertDocument({
          titulo: f.titulo.trim(), tipo: f.tipo, fecha: f.fecha ?? null, project_id: f.project ?? null, area_nivel: f.nivel ?? null,
          area_clave: f.clave ?? null, archivo, bytes: bytes!.length, texto: texto || null, autor_id: req.user!.id,
        });
        // Renamed into place before COMMIT: once the row is visible, so is its file.
        await rename(tmp, path);
        published = true;
        return docId;
      });
      return reply.code(201).send({
        id, titulo: f.titulo.trim(), tipo: f.tipo, url: `/documentos/${archivo}`, fecha: f.fecha ?? null, project_id: f.project ?? null,
        area_nivel: f.nivel ?? null, area_clave: f.clave ?? null, bytes: bytes.length, paginas_texto: texto.length > 0,
      });
    } catch (e) {
      await rm(published ? path : tmp, { force: true });
      throw e;
    } finally {
      if (!published) await rm(tmp, { force: true });
    }
  });

  app.get('/api/documents/search', {
    schema: {
      tags: ['seguimiento'],
      summary: 'Busca en los documentos (título, tipo y texto del PDF; búsqueda de texto completo en español)',
      querystring: Type.Object({
        q: Type.String({ minLength: 2, maxLength: 200 }),
        project: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
        limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ q: Type.String(), total: Type.Integer(), items: Type.Array(SearchHit) }), 400: Problem },
    },
  }, async (req) => {
    const items = await app.seguimientoRepository.searchDocuments(req.query.q, req.query.project ?? null, req.query.limit);
    return { q: req.query.q, total: items.length, items };
  });
};
export default documentRoutes;
