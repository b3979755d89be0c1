-- The walking network for isochrones. Node ids come from the snapped end points of each street (1 m grid), so
-- the graph is right whether or not an importer filled source/target, and touching segments always connect.
CREATE OR REPLACE FUNCTION meta.node_id(p geometry) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT ((round(ST_X(p))::bigint + 30000000) * 100000000) + (round(ST_Y(p))::bigint + 30000000) $$;

-- Undirected edges with their length in metres (the route divides it by the walking speed). Every class is
-- walkable: on the edge of town the shoulder of a carretera is the only way to go.
CREATE OR REPLACE VIEW carto.red_peatonal AS
SELECT id,
       meta.node_id(ST_StartPoint(geom)) AS source,
       meta.node_id(ST_EndPoint(geom)) AS target,
       coalesce(longitud_m, ST_Length(ST_Transform(geom, 4326)::geography)) AS longitud_m,
       geom
FROM carto.vialidades;
