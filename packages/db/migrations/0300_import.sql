-- Imports of real data (packages/ingest/src/import): a log of every import, and citizen reports.

-- One row per committed import (dry runs leave none): what came in, what was rejected and why.
CREATE TABLE meta.import_log (
  id           bigserial PRIMARY KEY,
  layer        text NOT NULL,
  archivo      text NOT NULL,
  srid         integer,
  leidos       integer NOT NULL,
  cargados     integer NOT NULL,
  reparados    integer NOT NULL DEFAULT 0,
  rechazados   integer NOT NULL DEFAULT 0,
  detalles     jsonb NOT NULL DEFAULT '{}'::jsonb,
  duracion_ms  integer NOT NULL,
  imported_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_log_layer_idx ON meta.import_log (layer, imported_at DESC);

-- Citizen reports (potholes, lighting, litter…) as municipal platforms publish them: a point, a date, a status.
-- Not votes nor proposals: a report has no process; `folio` is the platform's own id, kept as text.
CREATE TABLE partic.reportes (
  id               bigserial PRIMARY KEY,
  folio            text UNIQUE,
  fuente           text NOT NULL,
  tipo             text NOT NULL DEFAULT 'bache',
  fecha            date,
  material         text,
  atendido         boolean,
  -- The platform's own neighbourhood ids (not INE keys), kept verbatim for traceability.
  colonias_fuente  text,
  geom             geometry(Point, 3857) NOT NULL
);
CREATE INDEX reportes_geom_gix ON partic.reportes USING gist (geom);
CREATE INDEX reportes_fecha_idx ON partic.reportes (fecha);

SELECT meta.track_layer('partic.reportes', 'reportes');
