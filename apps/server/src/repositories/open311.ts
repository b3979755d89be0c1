// SQL for Open311 GeoReport v2: services from the report categories, requests from the public view of reports
// (approved only, public columns only: the view has no personal data to leak).
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';
import type { Open311Request, Open311Service } from '@sigmun/domain/open311';

/** The report categories as Open311 services. */
async function open311Services(db: Queryable): Promise<Open311Service[]> {
  const { rows } = await db.query<Open311Service>(
    `SELECT clave AS service_code, nombre AS service_name, descripcion AS description, false AS metadata, 'realtime' AS type,
            array_to_string(palabras_clave, ',') AS keywords, grupo AS "group"
     FROM partic.report_categories WHERE activa ORDER BY orden, clave`);
  return rows;
}

const W3C = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;
// Imported reports carry the platform's date; citizen reports the moment they arrived.
const REQUESTED = `CASE WHEN r.canal = 'importacion' AND r.fecha IS NOT NULL THEN r.fecha::timestamp AT TIME ZONE 'UTC' ELSE r.creado END`;

const REQUEST = `r.folio AS service_request_id,
  CASE WHEN r.estatus IN ('atendido', 'rechazado') THEN 'closed' ELSE 'open' END AS status,
  r.nota_publica AS status_notes, r.categoria_nombre AS service_name, r.categoria AS service_code,
  d.descripcion AS description, r.dependencia AS agency_responsible, NULL::text AS service_notice,
  to_char(${REQUESTED} AT TIME ZONE 'UTC', ${W3C}) AS requested_datetime,
  to_char(greatest(${REQUESTED}, r.actualizado) AT TIME ZONE 'UTC', ${W3C}) AS updated_datetime,
  NULL::text AS expected_datetime, NULL::text AS address, NULL::text AS address_id, NULL::text AS zipcode,
  ST_Y(ST_Transform(r.geom, 4326)) AS lat, ST_X(ST_Transform(r.geom, 4326)) AS long,
  CASE WHEN r.con_foto THEN $1::text || '/api/participation/reports/' || r.folio || '/foto' END AS media_url`;
// The description is public text of an approved report; it is read from the table, the view has no text column.
const FROM = `partic.v_reportes r JOIN partic.reportes d ON d.id = r.id`;

export interface RequestFilter {
  ids: string[] | null;
  serviceCodes: string[] | null;
  statuses: Array<'open' | 'closed'> | null;
  start: string | null;
  end: string | null;
  limit: number;
}

/** Public service requests matching the filters, newest first. */
async function open311Requests(db: Queryable, baseUrl: string, f: RequestFilter): Promise<Open311Request[]> {
  const { rows } = await db.query<Open311Request>(
    `SELECT ${REQUEST} FROM ${FROM}
     WHERE ($2::text[] IS NULL OR r.folio = ANY($2))
       AND ($3::text[] IS NULL OR r.categoria = ANY($3))
       AND ($4::text[] IS NULL OR (CASE WHEN r.estatus IN ('atendido', 'rechazado') THEN 'closed' ELSE 'open' END) = ANY($4))
       AND ($5::timestamptz IS NULL OR ${REQUESTED} >= $5)
       AND ($6::timestamptz IS NULL OR ${REQUESTED} <= $6)
     ORDER BY ${REQUESTED} DESC, r.id DESC
     LIMIT $7`,
    [baseUrl, f.ids, f.serviceCodes, f.statuses, f.start, f.end, f.limit],
  );
  return rows;
}

/** Whether a service code exists and is active. */
async function open311ServiceExists(db: Queryable, code: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM partic.report_categories WHERE clave = $1 AND activa', [code]);
  return rows.length > 0;
}

const queries = { services: open311Services, requests: open311Requests, serviceExists: open311ServiceExists };

declare module 'fastify' {
  interface FastifyInstance {
    /** Open311 GeoReport v2 over the public view of reports. */
    open311Repository: Repository<typeof queries>;
  }
}

/** Decorates `app.open311Repository`. */
export default fp(async (app) => {
  app.decorate('open311Repository', repository(app.db, queries));
}, { name: 'open311-repository', dependencies: ['db'] });
