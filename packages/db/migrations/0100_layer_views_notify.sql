-- Layer views for the catalog entries that join lookups onto one table (packages/domain/src/layers.ts), and
-- change notifications so that tile servers drop stale cache entries the moment a layer's data changes.

-- Simple views (no aggregates) so that the planner pushes the tile envelope filter down to the GiST index.
CREATE OR REPLACE VIEW plan.v_proyectos AS
SELECT p.id, p.clave, p.nombre, pr.eje_id, e.nombre AS eje, e.color AS eje_color, p.programa_id, pr.nombre AS programa,
       p.dependencia, p.estatus, p.avance::double precision AS avance,
       p.presupuesto_aprobado::double precision AS presupuesto_aprobado,
       p.presupuesto_ejercido::double precision AS presupuesto_ejercido,
       p.anio, p.fecha_inicio, p.fecha_fin, p.cve_col, p.geom
FROM plan.projects p
JOIN plan.programas pr ON pr.id = p.programa_id
JOIN plan.ejes e ON e.id = pr.eje_id;

CREATE OR REPLACE VIEW partic.v_propuestas AS
SELECT pp.id, pp.folio, pp.titulo, pp.categoria, pp.estatus, pp.votos, pr.clave AS proceso, pr.tipo AS proceso_tipo,
       pr.anio, z.clave AS zona, pp.project_id, pp.geom
FROM partic.proposals pp
JOIN partic.processes pr ON pr.id = pp.process_id
LEFT JOIN partic.zones z ON z.id = pp.zone_id;

CREATE OR REPLACE VIEW partic.v_zonas AS
SELECT z.id, z.clave, z.nombre, pr.clave AS proceso, pr.anio, r.lista_nominal, r.participantes, r.votos_validos,
       r.votos_nulos,
       round(100.0 * r.participantes / nullif(r.lista_nominal, 0), 2)::double precision AS participacion,
       r.propuesta_ganadora, g.titulo AS ganadora, z.geom
FROM partic.zones z
JOIN partic.processes pr ON pr.id = z.process_id
LEFT JOIN partic.results r ON r.zone_id = z.id AND r.process_id = z.process_id
LEFT JOIN partic.proposals g ON g.id = r.propuesta_ganadora;

-- The lookups the views join also change what a layer shows, so they bump its version too.
SELECT meta.track_layer('plan.ejes', 'proyectos');
SELECT meta.track_layer('partic.processes', 'propuestas', 'participacion_zonas');
SELECT meta.track_layer('partic.zones', 'participacion_zonas', 'propuestas');
SELECT meta.track_layer('partic.proposals', 'propuestas', 'participacion_zonas');

-- Same bump as 0001, plus a notification (delivered at commit) carrying "layer:version" on channel
-- sigmun_layer_versions; listeners drop cached tiles of that layer at once instead of waiting for a poll.
CREATE OR REPLACE FUNCTION meta.bump_layer_version() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  l text;
  v bigint;
BEGIN
  FOREACH l IN ARRAY TG_ARGV LOOP
    INSERT INTO meta.layer_versions AS lv (layer, version, updated_at)
    VALUES (l, 1, now())
    ON CONFLICT (layer) DO UPDATE SET version = lv.version + 1, updated_at = now()
    RETURNING version INTO v;
    PERFORM pg_notify('sigmun_layer_versions', l || ':' || v);
  END LOOP;
  RETURN NULL;
END $$;
