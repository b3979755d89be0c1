-- Citizen proposals in participation processes: when a process receives proposals and supports (its rules as
-- data), moderation of each proposal, its private author data, supports (apoyos) one per device, and the link a
-- planner makes from an approved proposal to a plan project.

ALTER TABLE partic.processes
  ADD COLUMN propuestas_desde date,
  ADD COLUMN propuestas_hasta date,
  ADD COLUMN apoyos_desde     date,
  ADD COLUMN apoyos_hasta     date,
  -- Rules read by the server: max_propuestas_por_dispositivo, max_apoyos_por_dispositivo, max_apoyos_por_ip_hora,
  -- categorias (allowed proposal categories). Unknown keys are ignored.
  ADD COLUMN reglas           jsonb NOT NULL DEFAULT '{}'::jsonb,
  ADD CHECK (propuestas_hasta IS NULL OR propuestas_desde IS NULL OR propuestas_hasta >= propuestas_desde),
  ADD CHECK (apoyos_hasta IS NULL OR apoyos_desde IS NULL OR apoyos_hasta >= apoyos_desde);

ALTER TABLE partic.proposals
  -- Imported and historical proposals are the process's official record; citizen submissions wait for moderation.
  ADD COLUMN moderacion     text NOT NULL DEFAULT 'aprobado'
    CHECK (moderacion IN ('pendiente', 'aprobado', 'rechazado', 'duplicado')),
  ADD COLUMN motivo_rechazo text CHECK (length(motivo_rechazo) <= 1000),
  ADD COLUMN duplicado_de   integer REFERENCES partic.proposals(id) ON DELETE SET NULL,
  ADD COLUMN dependencia    text,
  ADD COLUMN canal          text NOT NULL DEFAULT 'importacion' CHECK (canal IN ('web', 'importacion')),
  ADD COLUMN foto           uuid,
  ADD COLUMN creado         timestamptz NOT NULL DEFAULT now();
CREATE INDEX proposals_moderacion_idx ON partic.proposals (moderacion, creado);

CREATE TABLE partic.proposals_privado (
  proposal_id      integer PRIMARY KEY REFERENCES partic.proposals(id) ON DELETE CASCADE,
  nombre           text CHECK (length(nombre) <= 200),
  email            text CHECK (length(email) <= 254),
  telefono         text CHECK (length(telefono) <= 40),
  ip_hash          text,
  dispositivo_hash text,
  acepta_aviso     timestamptz NOT NULL,
  aviso_version    text NOT NULL,
  clave_hash       text NOT NULL,
  datos_borrados   timestamptz
);

-- One support per proposal and device (the device id is a random cookie, kept only as its HMAC).
CREATE TABLE partic.apoyos (
  proposal_id      integer NOT NULL REFERENCES partic.proposals(id) ON DELETE CASCADE,
  dispositivo_hash text NOT NULL,
  ip_hash          text NOT NULL,
  creado           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (proposal_id, dispositivo_hash)
);
CREATE INDEX apoyos_ip_idx ON partic.apoyos (ip_hash, creado);
SELECT meta.track_layer('partic.apoyos', 'propuestas');

-- The public proposals: approved ones, with their supports and the linked project's status and progress.
-- Same leading columns as before (CREATE OR REPLACE VIEW may only append).
CREATE OR REPLACE VIEW partic.v_propuestas AS
SELECT pp.id, pp.folio, pp.titulo, pp.categoria, pp.estatus, pp.votos, pr.clave AS proceso, pr.tipo AS proceso_tipo,
       pr.anio, z.clave AS zona, pp.project_id, pp.geom,
       (SELECT count(*)::int FROM partic.apoyos a WHERE a.proposal_id = pp.id) AS apoyos,
       pj.estatus AS proyecto_estatus, pj.avance::float8 AS proyecto_avance
FROM partic.proposals pp
JOIN partic.processes pr ON pr.id = pp.process_id
LEFT JOIN partic.zones z ON z.id = pp.zone_id
LEFT JOIN plan.projects pj ON pj.id = pp.project_id
WHERE pp.moderacion = 'aprobado';
SELECT meta.track_layer('plan.projects', 'proyectos', 'propuestas');

-- The project a proposal became (prefilled from it): the reverse link of proposals.project_id.
ALTER TABLE plan.projects ADD COLUMN propuesta_id integer REFERENCES partic.proposals(id) ON DELETE SET NULL;
CREATE UNIQUE INDEX projects_propuesta_idx ON plan.projects (propuesta_id) WHERE propuesta_id IS NOT NULL;

-- Every table of the model is audited (identity's audit trail, migration 0400).
SELECT audit.enable('partic.processes');
SELECT audit.enable('partic.proposals');
SELECT audit.enable('partic.proposals_privado', ARRAY['nombre', 'email', 'telefono', 'ip_hash', 'dispositivo_hash', 'clave_hash']);
SELECT audit.enable('partic.apoyos', ARRAY['ip_hash', 'dispositivo_hash']);
