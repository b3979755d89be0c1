import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { containedFile } from '../../lib/contained-file.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DocumentAreaLevel, PlanDocument } from '@sigmun/domain/seguimiento';
import { notFound } from '../../errors.ts';
import { placeholderPdf } from '../../lib/placeholder-pdf.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

/** The plan's documents: a listing API and the files themselves at /documentos/{file}. */
const documents: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/documents', {
    schema: {
      tags: ['planeación'],
      summary: 'Documentos del plan, por proyecto o por área',
      querystring: Type.Object({
        project: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
        nivel: Type.Optional(DocumentAreaLevel),
        clave: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
        limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
        offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(PlanDocument) }) },
    },
  }, async (req) => app.documentsRepository.list(req.query));

  app.get('/documentos/:file', {
    schema: {
      tags: ['planeación'],
      summary: 'Un documento del plan (archivo en DOCUMENTS_DIR)',
      params: Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*\\.(pdf|docx?|xlsx?|png|jpe?g)$', maxLength: 160 }) }),
    },
  }, async (req, reply) => {
    const { file } = req.params;
    // Never through a symlink out of DOCUMENTS_DIR.
    const found = await containedFile(app.config.documentsDir, file);
    if (found) {
      reply.header('content-length', found.stat.size).header('cache-control', 'public, max-age=3600');
      return reply.type(CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream').send(createReadStream(found.path));
    }
    const doc = await app.documentsRepository.byFile(file);
    if (!doc) throw notFound(`No existe el documento "${file}"`);
    if (!doc.demo || extname(file).toLowerCase() !== '.pdf') {
      throw notFound(`El documento "${doc.titulo}" está catalogado pero su archivo no está en el servidor (colóquelo en DOCUMENTS_DIR como ${file}).`);
    }
    // The demo municipality is fictional, and so are its documents: a page that says so stands in for each.
    const pdf = placeholderPdf(doc.titulo, [
      'Documento ficticio de demostración generado por SIG Municipal.',
      `Tipo: ${doc.tipo}. Fecha: ${doc.fecha ?? 'sin fecha'}.`,
      doc.proyecto ? `Proyecto: ${doc.proyecto}.` : `Área: ${doc.area_nivel} ${doc.area_clave}.`,
      'En una instalación real, este archivo se toma de la carpeta DOCUMENTS_DIR del servidor.',
    ]);
    return reply.type('application/pdf').header('cache-control', 'public, max-age=3600').send(pdf);
  });
};
export default documents;
