import { gzipSync } from 'node:zlib';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AttributeTable } from '@sigmun/domain/attribute-table';
import { LAYERS } from '@sigmun/domain/layers';
import { Problem } from '@sigmun/domain/problem';
import { notFound } from '../../errors.ts';
import { notModified } from '../../lib/conditional.ts';
import { buildTableQuery, type TableQuery } from '../../repositories/attribute-table.ts';

const LayerId = Type.Object({ layerId: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 64, description: 'Id de la capa del catálogo' }) });

/** A serialised table of one data version: the JSON text and its gzip, built once and reused until the data change. */
interface Built {
  version: number;
  etag: string;
  json: Buffer;
  gzip: Buffer;
}

function acceptsGzip(req: FastifyRequest): boolean {
  const ae = req.headers['accept-encoding'];
  return typeof ae === 'string' && /\bgzip\b/i.test(ae);
}

/**
 * GET /api/layers/{layerId}/table — the attribute table of a catalog layer: every row, columns without geometry plus
 * a box per row. Built by PostgreSQL as JSON text once per data version (layer versions, as tiles) and kept gzipped:
 * the manzanas of a scale-10 city are ~100,000 rows.
 */
const table: FastifyPluginAsyncTypebox = async (app) => {
  const queries = new Map<string, TableQuery>(LAYERS.map((l) => [l.id, buildTableQuery(l)]));
  // One entry per layer (the latest version asked for); a promise, so simultaneous first requests build it once.
  const built = new Map<string, Promise<Built>>();

  const build = async (q: TableQuery, version: number): Promise<Built> => {
    const r = await app.attributeTableRepository.table(q);
    const text = `{"layer":${JSON.stringify(q.layer.id)},"version":${version},"count":${r.count},"columns":${JSON.stringify(q.columns)},`
      + `"values":${r.values},"bbox":${r.bbox}}`;
    const json = Buffer.from(text);
    return { version, etag: `"t-${q.layer.id}-${version}"`, json, gzip: gzipSync(json, { level: 6 }) };
  };

  app.get('/api/layers/:layerId/table', {
    schema: {
      tags: ['capas'],
      summary: 'Tabla de atributos de una capa: todas las filas, por columnas, sin geometría y con la caja de cada fila',
      params: LayerId,
      response: { 200: AttributeTable, 404: Problem },
    },
  }, async (req, reply) => {
    const q = queries.get(req.params.layerId);
    if (!q) throw notFound(`No existe la capa "${req.params.layerId}"`);
    // The versions are read (not taken from notifications: a table is no hot path, and an edit must show at once)
    // before the rows, so the rows are at least as new as the version they are kept under.
    const versions = await app.tiles.versions.read();
    const version = Math.max(0, ...q.layer.source.versionKeys.map((k) => versions.get(k) ?? 0));
    let entry = built.get(q.layer.id);
    const current = entry && (await entry.catch(() => null));
    if (!current || current.version !== version) {
      entry = build(q, version);
      built.set(q.layer.id, entry);
      // A failed build is not kept: the next request tries again.
      entry.catch(() => built.get(q.layer.id) === entry && built.delete(q.layer.id));
    }
    const b = await entry!;
    // The body is bytes already serialised (and maybe gzipped): sent through the untyped reply, past the serialiser.
    const raw = reply as FastifyReply;
    raw.header('cache-control', 'public, no-cache').header('vary', 'accept-encoding');
    if (notModified(req, raw, { etag: b.etag })) return raw.code(304).send();
    raw.type('application/json; charset=utf-8');
    if (acceptsGzip(req)) return raw.header('content-encoding', 'gzip').send(b.gzip);
    return raw.send(b.json);
  });
};
export default table;
