import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsync } from 'fastify';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { ImportError } from '@sigmun/ingest/import/errors';
import { parseIndicatorMapping, type IndicatorMapping } from '@sigmun/ingest/import/indicators';
import { LAYER_NAMES, resolveLayer } from '@sigmun/ingest/import/layers';
import { LimitError, limitError } from '@sigmun/ingest/import/limits';
import { runImport } from '@sigmun/ingest/import/run';
import { makeTempDir, sweepTempDirs } from '@sigmun/ingest/import/temp';
import { ensureBasemapArchive } from '@sigmun/tiles/build';
import { parse as parseYaml } from 'yaml';
import { badRequest, HttpError } from '../../errors.ts';
import { setAuditContext } from '../../plugins/write-tx.ts';

const Report = Type.Object({
  archivo: Type.String(),
  capa: Type.String(),
  srid: Type.Union([Type.Integer(), Type.Null()]),
  leidos: Type.Integer(),
  cargados: Type.Integer(),
  reparados: Type.Integer(),
  rechazados: Type.Array(Type.Object({ fila: Type.Integer(), clave: Type.Union([Type.String(), Type.Null()]), motivo: Type.String() })),
  indicadores: Type.Optional(Type.Array(Type.String())),
  nulos: Type.Optional(Type.Integer()),
  sin_unidad: Type.Optional(Type.Integer()),
  avisos: Type.Optional(Type.Array(Type.String())),
  duracion_ms: Type.Integer(),
  simulacro: Type.Boolean(),
});


const FIELDS = new Set(['layer', 'srid', 'key', 'key_prefix', 'encoding', 'dry_run', 'fuente', 'fecha', 'nivel', 'anio', 'mapping']);

/**
 * POST /api/import — the CLI's import for planners: multipart with `layer` and the file(s) (a .zip, or a
 * shapefile's .shp/.shx/.dbf/.prj together, a GeoJSON, GeoPackage, KML or CSV). One transaction; any error
 * leaves the database as it was. Role planeacion (401 anonymous, 403 other roles); audited through meta.import_log.
 */
const importRoutes: FastifyPluginAsync = async (app) => {
  const limits = app.config.importLimits;
  const tmpRoot = app.config.importTmpDir;
  // Uploads and extracted zips of a server or CLI import that died are removed here; live ones are left alone.
  const swept = await sweepTempDirs(tmpRoot);
  if (swept.length) app.log.info({ swept }, 'carpetas temporales de importaciones interrumpidas eliminadas');
  await app.register(multipart, { limits: { fileSize: limits.uploadBytes, files: 12, fields: 20 } });
  /** The 413 of an upload past IMPORT_MAX_UPLOAD_MB, worded like the other limits. */
  const tooLarge = (name: string) => new HttpError(413, limitError('uploadBytes', limits, 0, name).message, 'archivo');
  const pendingRebuilds = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    await Promise.all(pendingRebuilds);
  });

  app.post(
    '/api/import',
    {
      schema: {
        tags: ['administración'],
        summary: 'Importa un archivo de datos reales a una capa',
        consumes: ['multipart/form-data'],
        response: { 200: Report },
      },
      config: { roles: ['planeacion'] },
    },
    async (req) => {
      if (!req.isMultipart()) throw badRequest('archivo', 'Envíe el archivo como multipart/form-data (campo «archivo» y campo «layer»).');

      const dir = await makeTempDir('upload', tmpRoot);
      try {
        const fields: Record<string, string> = {};
        const names: string[] = [];
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            const name = basename(part.filename || 'archivo').replace(/[^\p{L}\p{N}._-]/gu, '_');
            if (!name || name.startsWith('.')) throw badRequest(part.fieldname, `Nombre de archivo inválido «${part.filename}».`);
            try {
              await pipeline(part.file, createWriteStream(join(dir, name)));
            } catch (e) {
              if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(name);
              throw e;
            }
            if (part.file.truncated) throw tooLarge(name);
            names.push(name);
          } else {
            if (!FIELDS.has(part.fieldname)) throw badRequest(part.fieldname, `Campo desconocido «${part.fieldname}»; se aceptan ${[...FIELDS].join(', ')}.`);
            fields[part.fieldname] = String(part.value);
          }
        }
        if (!names.length) throw badRequest('archivo', 'Falta el archivo a importar.');
        const layer = resolveLayer(fields.layer);
        if (!layer) throw badRequest('layer', `«layer» debe ser una de: ${LAYER_NAMES.join(', ')}.`);
        const srid = fields.srid === undefined ? undefined : Number(fields.srid);
        if (srid !== undefined && (!Number.isInteger(srid) || srid <= 0)) throw badRequest('srid', '«srid» debe ser un código EPSG entero.');
        if (fields.encoding !== undefined && !['utf8', 'latin1'].includes(fields.encoding)) throw badRequest('encoding', '«encoding» debe ser utf8 o latin1.');
        if (fields.fecha !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(fields.fecha)) throw badRequest('fecha', '«fecha» debe tener la forma AAAA-MM-DD.');
        let indicators: IndicatorMapping | undefined;
        try {
          if (layer === 'indicators') {
            indicators = parseIndicatorMapping(
              fields.mapping ? parseYaml(fields.mapping) : { nivel: fields.nivel, anio: fields.anio, fuente: fields.fuente, clave: fields.key },
              'mapping',
            );
          }
          const report = await runImport(app.db, {
            input: names.length === 1 ? join(dir, names[0]) : dir,
            label: names.length === 1 ? names[0] : names.join(' + '),
            limits, tmpDir: tmpRoot,
            layer, srid, key: fields.key, keyPrefix: fields.key_prefix, encoding: fields.encoding as 'utf8' | 'latin1' | undefined,
            dryRun: fields.dry_run === 'true' || fields.dry_run === '1', fuente: fields.fuente, fecha: fields.fecha, indicators,
            log: (m) => req.log.warn(m),
            // The import's own transaction carries who did it: meta.import_log's audit row names the user or token.
            beforeImport: (client) => setAuditContext(client, req),
          });
          // The basemap archive is built from the data: rebuild it after the response, so the next page load draws
          // the imported layer (live tiles are already fresh through the layer versions). The archive is written to
          // a temporary file and renamed, so readers never see half of it; closing the app waits for the rebuild.
          if (app.config.rebuildBasemapAfterImport && !report.simulacro) {
            const rebuild = ensureBasemapArchive(app.config.databaseUrl, { outDir: app.config.tilesDir, log: (m) => req.log.info(m) })
              .then(() => undefined, (err) => req.log.error({ err }, 'no se pudo reconstruir el mapa base tras la importación'));
            pendingRebuilds.add(rebuild);
            void rebuild.finally(() => pendingRebuilds.delete(rebuild));
          }
          return report;
        } catch (e) {
          if (e instanceof LimitError) throw new HttpError(e.status, e.message, 'archivo');
          if (e instanceof ImportError) throw badRequest(e.where.file === 'mapping' ? 'mapping' : 'archivo', e.message);
          throw e;
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
};

export default importRoutes;
