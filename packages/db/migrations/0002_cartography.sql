-- Municipal cartography, keyed by INEGI CVEGEO where INEGI defines one.
-- Geometry is stored once, in EPSG:3857: tiles are cut in 3857, so the hot path (ST_TileEnvelope filter and
-- ST_AsMVTGeom) needs no per-row transform. Distances are measured on geography (ST_Transform to 4326) where
-- metres matter. See docs/ARCHITECTURE.md for the measurement behind this choice.

CREATE TABLE carto.municipio (
  cvegeo   varchar(5) PRIMARY KEY CHECK (cvegeo ~ '^[0-9]{5}$'),
  cve_ent  varchar(2) NOT NULL,
  cve_mun  varchar(3) NOT NULL,
  nombre   text NOT NULL,
  pob      integer,
  viv      integer,
  geom     geometry(MultiPolygon, 3857) NOT NULL
);
CREATE INDEX municipio_geom_gix ON carto.municipio USING gist (geom);

CREATE TABLE carto.localidades (
  cvegeo   varchar(9) PRIMARY KEY CHECK (cvegeo ~ '^[0-9]{9}$'),
  cve_ent  varchar(2) NOT NULL,
  cve_mun  varchar(3) NOT NULL,
  cve_loc  varchar(4) NOT NULL,
  nombre   text NOT NULL,
  ambito   text NOT NULL DEFAULT 'urbano' CHECK (ambito IN ('urbano', 'rural')),
  pob      integer,
  viv      integer,
  geom     geometry(MultiPolygon, 3857) NOT NULL
);
CREATE INDEX localidades_geom_gix ON carto.localidades USING gist (geom);

-- AGEB keys may end in a letter (e.g. 260300001177A): always text, never numbers.
CREATE TABLE carto.agebs (
  cvegeo   varchar(13) PRIMARY KEY CHECK (cvegeo ~ '^[0-9]{9}[0-9]{3}[0-9A-Z]$'),
  cve_ent  varchar(2) NOT NULL,
  cve_mun  varchar(3) NOT NULL,
  cve_loc  varchar(4) NOT NULL,
  cve_ageb varchar(4) NOT NULL,
  ambito   text NOT NULL DEFAULT 'urbano' CHECK (ambito IN ('urbano', 'rural')),
  pob      integer,
  geom     geometry(MultiPolygon, 3857) NOT NULL
);
CREATE INDEX agebs_geom_gix ON carto.agebs USING gist (geom);

CREATE TABLE carto.manzanas (
  cvegeo       varchar(16) PRIMARY KEY CHECK (cvegeo ~ '^[0-9]{9}[0-9]{3}[0-9A-Z][0-9]{3}$'),
  cvegeo_ageb  varchar(13) NOT NULL,
  cve_mza      varchar(3) NOT NULL,
  pob          integer,
  viv          integer,
  geom         geometry(MultiPolygon, 3857) NOT NULL
);
CREATE INDEX manzanas_geom_gix ON carto.manzanas USING gist (geom);
CREATE INDEX manzanas_ageb_idx ON carto.manzanas (cvegeo_ageb);

-- Colonias are not an INEGI unit; their key comes from the source (INE, catastro or the IMPLAN).
CREATE TABLE carto.colonias (
  cve_col     text PRIMARY KEY,
  nombre      text NOT NULL,
  tipo        text NOT NULL DEFAULT 'colonia',
  cvegeo_loc  varchar(9),
  cp          varchar(5),
  pob         integer,
  geom        geometry(MultiPolygon, 3857) NOT NULL
);
CREATE INDEX colonias_geom_gix ON carto.colonias USING gist (geom);

-- Street centrelines; source/target are node ids so the network can be routed (pgRouting).
CREATE TABLE carto.vialidades (
  id          bigserial PRIMARY KEY,
  nombre      text,
  tipo        text NOT NULL DEFAULT 'calle',
  clase       text NOT NULL DEFAULT 'local' CHECK (clase IN ('carretera', 'primaria', 'secundaria', 'local', 'peatonal')),
  source      bigint,
  target      bigint,
  longitud_m  double precision,
  geom        geometry(LineString, 3857) NOT NULL
);
CREATE INDEX vialidades_geom_gix ON carto.vialidades USING gist (geom);
CREATE INDEX vialidades_source_idx ON carto.vialidades (source);
CREATE INDEX vialidades_target_idx ON carto.vialidades (target);

CREATE TABLE carto.equipamiento (
  id       bigserial PRIMARY KEY,
  nombre   text NOT NULL,
  tipo     text NOT NULL CHECK (tipo IN ('educacion', 'salud', 'abasto', 'areas_verdes', 'deporte', 'cultura', 'gobierno', 'seguridad', 'transporte', 'otro')),
  subtipo  text,
  cve_col  text,
  geom     geometry(Point, 3857) NOT NULL
);
CREATE INDEX equipamiento_geom_gix ON carto.equipamiento USING gist (geom);

SELECT meta.track_layer('carto.municipio', 'municipio');
SELECT meta.track_layer('carto.localidades', 'localidades');
SELECT meta.track_layer('carto.agebs', 'agebs');
SELECT meta.track_layer('carto.manzanas', 'manzanas');
SELECT meta.track_layer('carto.colonias', 'colonias');
SELECT meta.track_layer('carto.vialidades', 'vialidades');
SELECT meta.track_layer('carto.equipamiento', 'equipamiento');
