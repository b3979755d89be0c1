-- Seguimiento (issue 12): project versions for optimistic concurrency, progress reports (avances) with author,
-- estatus and photos, justification of over-spending, uploaded documents with Spanish full-text search.

-- Every UPDATE of a project bumps its version, whoever writes it (the API, an import, hand-run SQL), so a form
-- saved over a newer version is always caught (If-Match → 409), not only when the other edit came from the form.
ALTER TABLE plan.projects
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  -- Required while presupuesto_ejercido > presupuesto_aprobado (the card flags such projects).
  ADD COLUMN justificacion_sobreejercicio text;

CREATE FUNCTION plan.bump_project_version() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER projects_version BEFORE UPDATE ON plan.projects FOR EACH ROW EXECUTE FUNCTION plan.bump_project_version();

-- A progress report (avance) is plan.project_progress with its author, estatus and justification; the demo's
-- histories are reports with no author (loaded, not reported).
ALTER TABLE plan.project_progress
  ADD COLUMN estatus text CHECK (estatus IN ('planeado', 'en_proceso', 'concluido', 'suspendido', 'cancelado')),
  ADD COLUMN justificacion text,
  ADD COLUMN autor_id integer REFERENCES auth.users(id) ON DELETE SET NULL,
  ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT progress_concluido_100 CHECK (estatus IS DISTINCT FROM 'concluido' OR avance = 100);

-- Photos of a report. The files live in MEDIA_DIR/avances/<id>.jpg and <id>.thumb.jpg (re-encoded, no metadata).
CREATE TABLE plan.avance_fotos (
  id           uuid PRIMARY KEY,
  progress_id  integer NOT NULL REFERENCES plan.project_progress(id) ON DELETE CASCADE,
  orden        smallint NOT NULL,
  ancho        integer NOT NULL CHECK (ancho > 0),
  alto         integer NOT NULL CHECK (alto > 0),
  bytes        integer NOT NULL CHECK (bytes > 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (progress_id, orden)
);

-- Uploaded documents: the stored file (NULL for catalogue entries whose file is placed by hand, and for the demo's
-- placeholders), its size, the text pdftotext extracted, and a Spanish full-text vector over title, type and text.
ALTER TABLE plan.documents
  ADD COLUMN archivo text UNIQUE,
  ADD COLUMN bytes integer,
  ADD COLUMN texto text,
  ADD COLUMN autor_id integer REFERENCES auth.users(id) ON DELETE SET NULL,
  ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('spanish', coalesce(titulo, '')), 'A') ||
    setweight(to_tsvector('spanish', coalesce(tipo, '')), 'B') ||
    setweight(to_tsvector('spanish', coalesce(left(texto, 500000), '')), 'C')
  ) STORED;
CREATE INDEX documents_tsv_gix ON plan.documents USING gin (tsv);
CREATE INDEX documents_area_idx ON plan.documents (area_nivel, area_clave);

SELECT audit.enable('plan.avance_fotos');
-- The extracted text can be long and is derived from the file: kept out of the trail, like the vector.
SELECT audit.enable('plan.documents', ARRAY['texto', 'tsv']);
