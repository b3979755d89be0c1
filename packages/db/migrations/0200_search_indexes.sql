-- Place search: trigram indexes on the unaccented, lower-cased names so that "cuauhtemoc", "Cuauhtémoc" and
-- "cuahtemoc" find the same colonia. The expression must match the queries in apps/server/src/queries/search.ts.
CREATE INDEX colonias_nombre_trgm ON carto.colonias USING gin (meta.f_unaccent(lower(nombre)) gin_trgm_ops);
CREATE INDEX localidades_nombre_trgm ON carto.localidades USING gin (meta.f_unaccent(lower(nombre)) gin_trgm_ops);
CREATE INDEX vialidades_nombre_trgm ON carto.vialidades USING gin (meta.f_unaccent(lower(nombre)) gin_trgm_ops)
  WHERE nombre IS NOT NULL;
CREATE INDEX equipamiento_nombre_trgm ON carto.equipamiento USING gin (meta.f_unaccent(lower(nombre)) gin_trgm_ops);
CREATE INDEX projects_nombre_trgm ON plan.projects USING gin (meta.f_unaccent(lower(nombre)) gin_trgm_ops);
CREATE INDEX projects_clave_lower ON plan.projects (lower(clave));
