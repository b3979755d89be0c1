-- Streets merged per name and class for the low zooms. At z12–13 a tile held hundreds of short segments, each
-- with its own id and tags (155–182 KB for the streets alone in the city centre); merged, a street is one feature.
-- Kept in step with carto.vialidades by statement triggers that recompute only the streets a statement touched.

CREATE TABLE carto.vialidades_trazos (
  id      bigint PRIMARY KEY,            -- the smallest segment id of the street: stable while it exists
  nombre  text,
  tipo    text NOT NULL,
  clase   text NOT NULL,
  geom    geometry(MultiLineString, 3857) NOT NULL
);
CREATE INDEX vialidades_trazos_geom_gix ON carto.vialidades_trazos USING gist (geom);
CREATE INDEX vialidades_trazos_grupo_idx ON carto.vialidades_trazos (coalesce(nombre, ''), tipo, clase);

CREATE OR REPLACE FUNCTION carto.refresh_vialidades_trazos(grupos text[]) RETURNS void
  LANGUAGE sql AS $$
  DELETE FROM carto.vialidades_trazos WHERE coalesce(nombre, '') || '|' || tipo || '|' || clase = ANY (grupos);
  INSERT INTO carto.vialidades_trazos (id, nombre, tipo, clase, geom)
  SELECT min(id), nombre, tipo, clase, ST_Multi(ST_LineMerge(ST_Collect(geom)))
  FROM carto.vialidades
  WHERE coalesce(nombre, '') || '|' || tipo || '|' || clase = ANY (grupos)
  GROUP BY nombre, tipo, clase;
$$;

CREATE OR REPLACE FUNCTION carto.vialidades_trazos_sync() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  grupos text[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM carto.vialidades_trazos;
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT coalesce(nombre, '') || '|' || tipo || '|' || clase) INTO grupos FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT coalesce(nombre, '') || '|' || tipo || '|' || clase) INTO grupos FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT g) INTO grupos FROM (
      SELECT coalesce(nombre, '') || '|' || tipo || '|' || clase AS g FROM new_rows
      UNION SELECT coalesce(nombre, '') || '|' || tipo || '|' || clase FROM old_rows) s;
  END IF;
  IF grupos IS NOT NULL THEN
    PERFORM carto.refresh_vialidades_trazos(grupos);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER vialidades_trazos_ins AFTER INSERT ON carto.vialidades
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carto.vialidades_trazos_sync();
CREATE TRIGGER vialidades_trazos_upd AFTER UPDATE ON carto.vialidades
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carto.vialidades_trazos_sync();
CREATE TRIGGER vialidades_trazos_del AFTER DELETE ON carto.vialidades
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carto.vialidades_trazos_sync();
CREATE TRIGGER vialidades_trazos_trunc AFTER TRUNCATE ON carto.vialidades
  FOR EACH STATEMENT EXECUTE FUNCTION carto.vialidades_trazos_sync();

INSERT INTO carto.vialidades_trazos (id, nombre, tipo, clase, geom)
SELECT min(id), nombre, tipo, clase, ST_Multi(ST_LineMerge(ST_Collect(geom)))
FROM carto.vialidades GROUP BY nombre, tipo, clase;
