-- Participación ciudadana: processes (presupuesto participativo, consultas), zones, proposals and results.

CREATE TABLE partic.processes (
  id            serial PRIMARY KEY,
  clave         text NOT NULL UNIQUE,
  nombre        text NOT NULL,
  tipo          text NOT NULL CHECK (tipo IN ('presupuesto_participativo', 'consulta')),
  anio          smallint NOT NULL,
  fecha_inicio  date,
  fecha_fin     date,
  presupuesto   numeric(14, 2),
  descripcion   text
);

CREATE TABLE partic.zones (
  id          serial PRIMARY KEY,
  process_id  integer NOT NULL REFERENCES partic.processes(id) ON DELETE CASCADE,
  clave       text NOT NULL,
  nombre      text NOT NULL,
  geom        geometry(MultiPolygon, 3857) NOT NULL,
  UNIQUE (process_id, clave)
);
CREATE INDEX zones_geom_gix ON partic.zones USING gist (geom);

CREATE TABLE partic.proposals (
  id          serial PRIMARY KEY,
  process_id  integer NOT NULL REFERENCES partic.processes(id) ON DELETE CASCADE,
  zone_id     integer REFERENCES partic.zones(id) ON DELETE SET NULL,
  folio       text NOT NULL,
  titulo      text NOT NULL,
  descripcion text,
  categoria   text NOT NULL,
  estatus     text NOT NULL CHECK (estatus IN ('registrada', 'viable', 'no_viable', 'ganadora', 'en_ejecucion', 'concluida')),
  votos       integer NOT NULL DEFAULT 0 CHECK (votos >= 0),
  project_id  integer REFERENCES plan.projects(id) ON DELETE SET NULL,
  geom        geometry(Geometry, 3857) NOT NULL,
  UNIQUE (process_id, folio)
);
CREATE INDEX proposals_geom_gix ON partic.proposals USING gist (geom);
CREATE INDEX proposals_process_idx ON partic.proposals (process_id);
CREATE INDEX proposals_project_idx ON partic.proposals (project_id);

CREATE TABLE partic.results (
  process_id       integer NOT NULL REFERENCES partic.processes(id) ON DELETE CASCADE,
  zone_id          integer NOT NULL REFERENCES partic.zones(id) ON DELETE CASCADE,
  lista_nominal    integer NOT NULL CHECK (lista_nominal >= 0),
  participantes    integer NOT NULL CHECK (participantes >= 0),
  votos_validos    integer NOT NULL DEFAULT 0,
  votos_nulos      integer NOT NULL DEFAULT 0,
  propuesta_ganadora integer REFERENCES partic.proposals(id) ON DELETE SET NULL,
  PRIMARY KEY (process_id, zone_id),
  CHECK (participantes <= lista_nominal)
);

SELECT meta.track_layer('partic.zones', 'participacion_zonas');
SELECT meta.track_layer('partic.results', 'participacion_zonas');
SELECT meta.track_layer('partic.proposals', 'propuestas');
