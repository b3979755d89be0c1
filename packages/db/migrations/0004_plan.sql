-- Plan Municipal de Desarrollo: ejes → programas → proyectos, their progress and documents.

CREATE TABLE plan.ejes (
  id          smallint PRIMARY KEY,
  nombre      text NOT NULL,
  descripcion text,
  color       text NOT NULL DEFAULT '#666666'
);

CREATE TABLE plan.programas (
  id      integer PRIMARY KEY,
  eje_id  smallint NOT NULL REFERENCES plan.ejes(id),
  clave   text NOT NULL UNIQUE,
  nombre  text NOT NULL
);
CREATE INDEX programas_eje_idx ON plan.programas (eje_id);

CREATE TABLE plan.projects (
  id                    serial PRIMARY KEY,
  clave                 text NOT NULL UNIQUE,
  nombre                text NOT NULL,
  descripcion           text,
  programa_id           integer NOT NULL REFERENCES plan.programas(id),
  dependencia           text NOT NULL,
  estatus               text NOT NULL CHECK (estatus IN ('planeado', 'en_proceso', 'concluido', 'suspendido', 'cancelado')),
  avance                numeric(5, 2) NOT NULL DEFAULT 0 CHECK (avance BETWEEN 0 AND 100),
  presupuesto_aprobado  numeric(14, 2) NOT NULL DEFAULT 0 CHECK (presupuesto_aprobado >= 0),
  presupuesto_ejercido  numeric(14, 2) NOT NULL DEFAULT 0 CHECK (presupuesto_ejercido >= 0),
  fecha_inicio          date,
  fecha_fin             date,
  anio                  smallint NOT NULL,
  cve_col               text,
  updated_at            timestamptz NOT NULL DEFAULT now(),
  geom                  geometry(Geometry, 3857) NOT NULL,
  CHECK (fecha_fin IS NULL OR fecha_inicio IS NULL OR fecha_fin >= fecha_inicio)
);
CREATE INDEX projects_geom_gix ON plan.projects USING gist (geom);
CREATE INDEX projects_programa_idx ON plan.projects (programa_id);
CREATE INDEX projects_estatus_idx ON plan.projects (estatus);

CREATE TABLE plan.project_progress (
  id                    serial PRIMARY KEY,
  project_id            integer NOT NULL REFERENCES plan.projects(id) ON DELETE CASCADE,
  fecha                 date NOT NULL,
  avance                numeric(5, 2) NOT NULL CHECK (avance BETWEEN 0 AND 100),
  presupuesto_ejercido  numeric(14, 2) NOT NULL DEFAULT 0,
  nota                  text,
  UNIQUE (project_id, fecha)
);

-- A document belongs to a project or to an area (nivel + clave), never to neither.
CREATE TABLE plan.documents (
  id          serial PRIMARY KEY,
  titulo      text NOT NULL,
  tipo        text NOT NULL DEFAULT 'documento',
  url         text NOT NULL,
  fecha       date,
  project_id  integer REFERENCES plan.projects(id) ON DELETE CASCADE,
  area_nivel  text CHECK (area_nivel IN ('municipio', 'localidad', 'ageb', 'manzana', 'colonia')),
  area_clave  text,
  CHECK (project_id IS NOT NULL OR (area_nivel IS NOT NULL AND area_clave IS NOT NULL))
);
CREATE INDEX documents_project_idx ON plan.documents (project_id);

SELECT meta.track_layer('plan.projects', 'proyectos');
SELECT meta.track_layer('plan.project_progress', 'proyectos');
SELECT meta.track_layer('plan.programas', 'proyectos');
