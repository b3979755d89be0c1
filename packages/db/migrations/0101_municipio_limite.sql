-- The municipal boundary is one huge polygon (Hermosillo's has ~17,000 vertices and islands). At street zooms a tile
-- would clip the whole outline; its boundary cut by ST_Subdivide into pieces of at most 256 vertices lets the GiST
-- index hand each tile only the few pieces it touches. The municipio layer is drawn as a line only, so serving the
-- boundary as lines at those zooms looks the same. Kept in step with carto.municipio by a statement trigger.

CREATE TABLE carto.municipio_limite (
  id       serial PRIMARY KEY,
  cvegeo   varchar(5) NOT NULL,
  cve_ent  varchar(2) NOT NULL,
  cve_mun  varchar(3) NOT NULL,
  nombre   text NOT NULL,
  pob      integer,
  viv      integer,
  geom     geometry(LineString, 3857) NOT NULL
);
CREATE INDEX municipio_limite_geom_gix ON carto.municipio_limite USING gist (geom);

CREATE OR REPLACE FUNCTION carto.refresh_municipio_limite() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM carto.municipio_limite;
  INSERT INTO carto.municipio_limite (cvegeo, cve_ent, cve_mun, nombre, pob, viv, geom)
  SELECT m.cvegeo, m.cve_ent, m.cve_mun, m.nombre, m.pob, m.viv, (ST_Dump(ST_Subdivide(b.geom, 256))).geom
  FROM carto.municipio m
  CROSS JOIN LATERAL (SELECT (ST_Dump(ST_Boundary(m.geom))).geom) b
  ORDER BY m.cvegeo;
  RETURN NULL;
END $$;

CREATE TRIGGER municipio_limite_sync AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON carto.municipio
  FOR EACH STATEMENT EXECUTE FUNCTION carto.refresh_municipio_limite();

-- Databases that already hold a municipio get its pieces now.
INSERT INTO carto.municipio_limite (cvegeo, cve_ent, cve_mun, nombre, pob, viv, geom)
SELECT m.cvegeo, m.cve_ent, m.cve_mun, m.nombre, m.pob, m.viv, (ST_Dump(ST_Subdivide(b.geom, 256))).geom
FROM carto.municipio m
CROSS JOIN LATERAL (SELECT (ST_Dump(ST_Boundary(m.geom))).geom) b;
