-- The banco municipal de información estadística: an indicator catalog and values per unit and year.

CREATE TABLE stats.indicators (
  code         text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$'),
  nombre       text NOT NULL,
  nombre_en    text,
  descripcion  text,
  tema         text NOT NULL DEFAULT 'Población',
  unidad       text NOT NULL,
  fuente       text NOT NULL,
  -- The levels at which the source publishes the indicator (manzana, ageb, colonia, localidad, municipio).
  niveles      text[] NOT NULL,
  anios        integer[] NOT NULL DEFAULT '{}',
  -- How values combine over an area: 'sum' (counts), 'mean' (weighted by denominador, else by area),
  -- 'ratio' (100 * sum(numerador) / sum(denominador)).
  agregacion   text NOT NULL CHECK (agregacion IN ('sum', 'mean', 'ratio')),
  numerador    text REFERENCES stats.indicators(code) DEFERRABLE INITIALLY DEFERRED,
  denominador  text REFERENCES stats.indicators(code) DEFERRABLE INITIALLY DEFERRED,
  decimales    smallint NOT NULL DEFAULT 0,
  -- Whether higher values are better, so that ramps and rankings read the right way round.
  mayor_es_mejor boolean,
  CHECK (agregacion <> 'ratio' OR (numerador IS NOT NULL AND denominador IS NOT NULL))
);

-- INEGI's '*' (confidential) and 'N/D' are NULL with a flag, never 0.
CREATE TABLE stats.indicator_values (
  indicator  text NOT NULL REFERENCES stats.indicators(code) ON DELETE CASCADE,
  nivel      text NOT NULL CHECK (nivel IN ('manzana', 'ageb', 'colonia', 'localidad', 'municipio')),
  clave      text NOT NULL,
  anio       smallint NOT NULL CHECK (anio BETWEEN 1900 AND 2100),
  valor      double precision,
  flag       text CHECK (flag IN ('confidencial', 'no_disponible', 'no_aplica')),
  PRIMARY KEY (indicator, nivel, anio, clave),
  CHECK ((valor IS NULL) = (flag IS NOT NULL))
);
CREATE INDEX indicator_values_unit_idx ON stats.indicator_values (nivel, clave);

SELECT meta.track_layer('stats.indicator_values', 'indicadores');
