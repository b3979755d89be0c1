-- Drawn-area statistics read every value of each manzana inside a polygon (~64 rows per manzana): a covering index
-- answers them by an index-only scan instead of one heap visit per row. It also serves every (nivel, clave) lookup
-- the narrower index served, so that one goes.
CREATE INDEX IF NOT EXISTS indicator_values_unit_cover_idx ON stats.indicator_values (nivel, clave, indicator, anio) INCLUDE (valor);
DROP INDEX IF EXISTS stats.indicator_values_unit_idx;
