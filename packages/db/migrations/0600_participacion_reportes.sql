-- Citizen reports as a moderated model: categories as data, the public row (point, category, description, status)
-- and, apart from it, the personal data (name, email, phone, hashed IP) that no public relation ever selects.
-- The layer catalog reads partic.v_reportes, a view with the public columns of approved reports only, so tiles,
-- OGC API items and exports cannot carry personal data by construction.

CREATE TABLE partic.report_categories (
  clave         text PRIMARY KEY CHECK (clave ~ '^[a-z][a-z0-9_]*$'),
  nombre        text NOT NULL,
  descripcion   text NOT NULL DEFAULT '',
  grupo         text NOT NULL DEFAULT 'Vía pública',
  palabras_clave text[] NOT NULL DEFAULT '{}',
  -- Dependencia a report of this category goes to by default (a moderator may reassign it).
  dependencia   text,
  activa        boolean NOT NULL DEFAULT true,
  orden         smallint NOT NULL DEFAULT 0
);

INSERT INTO partic.report_categories (clave, nombre, descripcion, grupo, palabras_clave, dependencia, orden) VALUES
  ('baches', 'Bache', 'Baches y hundimientos en calles y avenidas', 'Vía pública', '{bache,pavimento,calle}', 'Infraestructura Urbana', 1),
  ('alumbrado', 'Alumbrado público', 'Luminarias apagadas, intermitentes o dañadas', 'Servicios públicos', '{luminaria,lampara,luz}', 'Servicios Públicos', 2),
  ('basura', 'Basura y limpieza', 'Basura acumulada, tiraderos y recolección', 'Servicios públicos', '{basura,recoleccion,tiradero}', 'Servicios Públicos', 3),
  ('fugas', 'Fuga de agua', 'Fugas de agua potable o drenaje', 'Agua', '{fuga,agua,drenaje}', 'Agua de Hermosillo', 4),
  ('banquetas', 'Banquetas', 'Banquetas rotas, obstruidas o sin rampa', 'Vía pública', '{banqueta,rampa,peatones}', 'Infraestructura Urbana', 5),
  ('semaforos', 'Semáforos y señales', 'Semáforos descompuestos y señales dañadas', 'Movilidad', '{semaforo,señal,transito}', 'Movilidad', 6),
  ('otro', 'Otro', 'Otros problemas en el espacio público', 'Otros', '{}', NULL, 99);

ALTER TABLE partic.reportes
  ADD COLUMN categoria      text REFERENCES partic.report_categories(clave),
  ADD COLUMN descripcion    text CHECK (length(descripcion) <= 2000),
  ADD COLUMN estatus        text NOT NULL DEFAULT 'recibido'
    CHECK (estatus IN ('recibido', 'en_revision', 'en_atencion', 'atendido', 'rechazado')),
  -- A note the citizen sees with the status (also Open311's status_notes).
  ADD COLUMN nota_publica   text CHECK (length(nota_publica) <= 1000),
  -- Imported reports were already published by their platform; citizen submissions wait for a moderator.
  ADD COLUMN moderacion     text NOT NULL DEFAULT 'aprobado'
    CHECK (moderacion IN ('pendiente', 'aprobado', 'rechazado', 'duplicado')),
  ADD COLUMN duplicado_de   bigint REFERENCES partic.reportes(id) ON DELETE SET NULL,
  ADD COLUMN dependencia    text,
  ADD COLUMN canal          text NOT NULL DEFAULT 'importacion' CHECK (canal IN ('web', 'open311', 'importacion')),
  -- Stored photo id (apps/server/src/lib/photos.ts, folder "reportes"); served only once the report is public.
  ADD COLUMN foto           uuid,
  ADD COLUMN creado         timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN actualizado    timestamptz NOT NULL DEFAULT now(),
  -- The colonia the point falls in, kept by triggers (here and on carto.colonias) so that the per-colonia
  -- indicator is a GROUP BY, not 18,000 point-in-polygon tests on every moderation action.
  ADD COLUMN cve_col        text;
CREATE INDEX reportes_moderacion_idx ON partic.reportes (moderacion, creado);
CREATE INDEX reportes_categoria_idx ON partic.reportes (categoria);

-- Imported rows say "bache" and atendido true/false: map them onto the model's category and status.
CREATE OR REPLACE FUNCTION partic.reportes_defaults() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.categoria IS NULL THEN
    NEW.categoria := CASE
      WHEN NEW.tipo IN ('bache', 'baches') THEN 'baches'
      WHEN EXISTS (SELECT 1 FROM partic.report_categories c WHERE c.clave = NEW.tipo) THEN NEW.tipo
      ELSE 'otro' END;
  END IF;
  IF TG_OP = 'INSERT' AND NEW.canal = 'importacion' AND NEW.atendido IS NOT NULL THEN
    NEW.estatus := CASE WHEN NEW.atendido THEN 'atendido' ELSE 'recibido' END;
  END IF;
  NEW.atendido := NEW.estatus = 'atendido';
  IF TG_OP = 'INSERT' OR NEW.geom IS DISTINCT FROM OLD.geom THEN
    NEW.cve_col := (SELECT c.cve_col FROM carto.colonias c WHERE ST_Intersects(c.geom, NEW.geom) ORDER BY c.cve_col LIMIT 1);
  END IF;
  NEW.tipo := NEW.categoria;
  IF TG_OP = 'UPDATE' THEN NEW.actualizado := now(); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER reportes_defaults BEFORE INSERT OR UPDATE ON partic.reportes
  FOR EACH ROW EXECUTE FUNCTION partic.reportes_defaults();
UPDATE partic.reportes r SET categoria = NULL, estatus = CASE WHEN atendido THEN 'atendido' ELSE 'recibido' END,
  cve_col = (SELECT c.cve_col FROM carto.colonias c WHERE ST_Intersects(c.geom, r.geom) ORDER BY c.cve_col LIMIT 1);

-- Personal data of a report: never joined by a public relation; removed on request (derecho de cancelación).
CREATE TABLE partic.reportes_privado (
  reporte_id       bigint PRIMARY KEY REFERENCES partic.reportes(id) ON DELETE CASCADE,
  nombre           text CHECK (length(nombre) <= 200),
  email            text CHECK (length(email) <= 254),
  telefono         text CHECK (length(telefono) <= 40),
  -- HMAC of the IP and of the device id (key in partic.secreto): enough to count abuse, not to find a person.
  ip_hash          text,
  dispositivo_hash text,
  acepta_aviso     timestamptz NOT NULL,
  aviso_version    text NOT NULL,
  -- SHA-256 of the private code given once at submission; proves the requester of a removal is the author.
  clave_hash       text NOT NULL,
  datos_borrados   timestamptz
);

-- The HMAC key for IPs and device ids; one row, made at install, never leaves the database and the server.
CREATE TABLE partic.secreto (
  id   boolean PRIMARY KEY DEFAULT true CHECK (id),
  sal  text NOT NULL DEFAULT md5(gen_random_uuid()::text || clock_timestamp()::text) || md5(gen_random_uuid()::text)
);
INSERT INTO partic.secreto DEFAULT VALUES;

-- Moderation actions on reports and proposals: the history a citizen's folio shows (public part) and the trail.
CREATE TABLE partic.moderation_actions (
  id          bigserial PRIMARY KEY,
  objeto      text NOT NULL CHECK (objeto IN ('reporte', 'propuesta')),
  objeto_id   bigint NOT NULL,
  accion      text NOT NULL CHECK (accion IN ('aprobar', 'rechazar', 'duplicado', 'asignar', 'estatus', 'borrar_datos')),
  estatus     text,
  motivo      text CHECK (length(motivo) <= 1000),
  datos       jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor       text NOT NULL DEFAULT coalesce(nullif(current_setting('sigmun.actor', true), ''), 'sql:' || current_user),
  creado      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX moderation_actions_objeto_idx ON partic.moderation_actions (objeto, objeto_id, creado);

-- Submission and support limits shared by every server process (PostgreSQL, not memory): one row per event.
CREATE UNLOGGED TABLE partic.rate_events (
  id      bigserial PRIMARY KEY,
  ambito  text NOT NULL,
  clave   text NOT NULL,
  creado  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX rate_events_key_idx ON partic.rate_events (ambito, clave, creado);

-- Takes one event for (ambito, clave) if fewer than `limite` happened in `ventana`; false when over the limit.
-- The advisory lock serialises concurrent takes of one key, so two replicas cannot both take the last slot.
CREATE OR REPLACE FUNCTION partic.rate_take(p_ambito text, p_clave text, p_limite integer, p_ventana interval)
  RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_ambito || ':' || p_clave, 600));
  DELETE FROM partic.rate_events WHERE ambito = p_ambito AND clave = p_clave AND creado < clock_timestamp() - p_ventana;
  SELECT count(*) INTO n FROM partic.rate_events WHERE ambito = p_ambito AND clave = p_clave;
  IF n >= p_limite THEN RETURN false; END IF;
  INSERT INTO partic.rate_events (ambito, clave) VALUES (p_ambito, p_clave);
  RETURN true;
END $$;

-- The public face of reports: approved ones, public columns only (the layer catalog reads this).
CREATE VIEW partic.v_reportes AS
SELECT r.id, r.folio, r.fecha, r.categoria, c.nombre AS categoria_nombre, r.estatus, r.atendido, r.material,
       r.nota_publica, r.dependencia, r.canal, (r.foto IS NOT NULL) AS con_foto, r.creado, r.actualizado, r.geom
FROM partic.reportes r
JOIN partic.report_categories c ON c.clave = r.categoria
WHERE r.moderacion = 'aprobado';

SELECT meta.track_layer('partic.report_categories', 'reportes');

-- Reports per 1,000 inhabitants by colonia and year: an indicator the choropleth shows like any other.
INSERT INTO stats.indicators (code, nombre, nombre_en, descripcion, tema, unidad, fuente, niveles, agregacion, decimales, mayor_es_mejor)
VALUES ('reportes_1000', 'Reportes ciudadanos por 1,000 habitantes', 'Citizen reports per 1,000 inhabitants',
        'Reportes ciudadanos publicados en el año por cada 1,000 habitantes de la colonia (población del censo).',
        'Participación', 'por 1,000 hab', 'Reportes ciudadanos del municipio; INEGI, Censo 2020', '{colonia}', 'mean', 2, false);

-- Recomputes the indicator from the public reports (a GROUP BY on the stored colonia of each report).
CREATE OR REPLACE FUNCTION partic.refresh_reportes_indicador() RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM stats.indicator_values WHERE indicator = 'reportes_1000';
  WITH pub AS (
    SELECT cve_col, extract(year FROM coalesce(fecha, creado::date))::smallint AS anio
    FROM partic.reportes WHERE moderacion = 'aprobado'
  ), counts AS (
    SELECT cve_col, anio, count(*) AS n FROM pub WHERE cve_col IS NOT NULL GROUP BY 1, 2
  ), years AS (SELECT DISTINCT anio FROM pub)
  INSERT INTO stats.indicator_values (indicator, nivel, clave, anio, valor)
  SELECT 'reportes_1000', 'colonia', c.cve_col, y.anio, round((1000.0 * coalesce(k.n, 0) / c.pob)::numeric, 4)::float8
  FROM carto.colonias c CROSS JOIN years y
  LEFT JOIN counts k ON k.cve_col = c.cve_col AND k.anio = y.anio
  WHERE c.pob > 0;
  UPDATE stats.indicators SET anios = coalesce((SELECT array_agg(DISTINCT anio ORDER BY anio) FROM stats.indicator_values
                                                WHERE indicator = 'reportes_1000'), '{}')
  WHERE code = 'reportes_1000';
END $$;

-- New colonias (an import replaces them): place every report again, then the indicator follows.
CREATE OR REPLACE FUNCTION partic.reportes_colonias_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  -- Only rows whose colonia changes are written (each write is an audit row).
  UPDATE partic.reportes r SET cve_col = n.cve_col
  FROM (SELECT r2.id, (SELECT c.cve_col FROM carto.colonias c WHERE ST_Intersects(c.geom, r2.geom) ORDER BY c.cve_col LIMIT 1) AS cve_col
        FROM partic.reportes r2) n
  WHERE n.id = r.id AND r.cve_col IS DISTINCT FROM n.cve_col;
  PERFORM partic.refresh_reportes_indicador();
  RETURN NULL;
END $$;
CREATE TRIGGER reportes_colonias AFTER INSERT OR UPDATE OR DELETE ON carto.colonias
  FOR EACH STATEMENT EXECUTE FUNCTION partic.reportes_colonias_trigger();

-- Only statements that touch a public report change the indicator; a pending submission does not.
CREATE OR REPLACE FUNCTION partic.reportes_indicador_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  -- Separate statements: PL/pgSQL plans each when reached, and an INSERT trigger has no "viejos".
  IF TG_OP <> 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM nuevos WHERE moderacion = 'aprobado') THEN
      PERFORM partic.refresh_reportes_indicador();
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM viejos WHERE moderacion = 'aprobado') THEN
      PERFORM partic.refresh_reportes_indicador();
    END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER reportes_indicador_ins AFTER INSERT ON partic.reportes REFERENCING NEW TABLE AS nuevos
  FOR EACH STATEMENT EXECUTE FUNCTION partic.reportes_indicador_trigger();
CREATE TRIGGER reportes_indicador_upd AFTER UPDATE ON partic.reportes REFERENCING NEW TABLE AS nuevos OLD TABLE AS viejos
  FOR EACH STATEMENT EXECUTE FUNCTION partic.reportes_indicador_trigger();
CREATE TRIGGER reportes_indicador_del AFTER DELETE ON partic.reportes REFERENCING OLD TABLE AS viejos
  FOR EACH STATEMENT EXECUTE FUNCTION partic.reportes_indicador_trigger();
SELECT partic.refresh_reportes_indicador();

-- Every table of the model is audited (identity's audit trail, migration 0400).
SELECT audit.enable('partic.report_categories');
SELECT audit.enable('partic.reportes', ARRAY['actualizado']);
-- Personal data is not copied into the trail: a removal on request must leave no copy behind (LFPDPPP).
SELECT audit.enable('partic.reportes_privado', ARRAY['nombre', 'email', 'telefono', 'ip_hash', 'dispositivo_hash', 'clave_hash']);
SELECT audit.enable('partic.moderation_actions');
