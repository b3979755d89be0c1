-- The normalised name (unaccented, lower case) stored once per row instead of computed three times per matched row
-- and query (match, similarity, prefix): short queries match thousands of facilities, and unaccent() dominated.
-- Generated columns follow every write; the trigram indexes move to them.

ALTER TABLE carto.colonias ADD COLUMN nombre_norm text GENERATED ALWAYS AS (meta.f_unaccent(lower(nombre))) STORED;
ALTER TABLE carto.localidades ADD COLUMN nombre_norm text GENERATED ALWAYS AS (meta.f_unaccent(lower(nombre))) STORED;
ALTER TABLE carto.equipamiento ADD COLUMN nombre_norm text GENERATED ALWAYS AS (meta.f_unaccent(lower(nombre))) STORED;
ALTER TABLE plan.projects ADD COLUMN nombre_norm text GENERATED ALWAYS AS (meta.f_unaccent(lower(nombre))) STORED;

DROP INDEX IF EXISTS carto.colonias_nombre_trgm;
DROP INDEX IF EXISTS carto.localidades_nombre_trgm;
DROP INDEX IF EXISTS carto.equipamiento_nombre_trgm;
DROP INDEX IF EXISTS plan.projects_nombre_trgm;

CREATE INDEX colonias_nombre_norm_trgm ON carto.colonias USING gin (nombre_norm gin_trgm_ops);
CREATE INDEX localidades_nombre_norm_trgm ON carto.localidades USING gin (nombre_norm gin_trgm_ops);
CREATE INDEX equipamiento_nombre_norm_trgm ON carto.equipamiento USING gin (nombre_norm gin_trgm_ops);
CREATE INDEX projects_nombre_norm_trgm ON plan.projects USING gin (nombre_norm gin_trgm_ops);
