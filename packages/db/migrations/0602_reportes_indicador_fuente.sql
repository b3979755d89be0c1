-- The reports-per-1,000 indicator belongs to whatever dataset is loaded: a real load replaces the whole indicator
-- catalog (and would drop this entry, after which approving a report broke on the foreign key), and on the demo
-- municipality its population is fictional, so its source must say so like every other demo indicator.
CREATE OR REPLACE FUNCTION partic.ensure_reportes_indicador() RETURNS void
  LANGUAGE sql AS $$
  INSERT INTO stats.indicators (code, nombre, nombre_en, descripcion, tema, unidad, fuente, niveles, agregacion, decimales, mayor_es_mejor)
  VALUES ('reportes_1000', 'Reportes ciudadanos por 1,000 habitantes', 'Citizen reports per 1,000 inhabitants',
          'Reportes ciudadanos publicados en el año por cada 1,000 habitantes de la colonia (población del censo).',
          'Participación', 'por 1,000 hab', '', '{colonia}', 'mean', 2, false)
  ON CONFLICT (code) DO NOTHING;
  UPDATE stats.indicators SET fuente = CASE
      WHEN EXISTS (SELECT 1 FROM meta.datasets WHERE kind = 'demo')
        THEN 'Reportes ciudadanos y población de la colonia (datos ficticios de demostración)'
      ELSE 'Reportes ciudadanos del municipio; población: INEGI, Censo de Población y Vivienda' END
  WHERE code = 'reportes_1000';
$$;

CREATE OR REPLACE FUNCTION partic.refresh_reportes_indicador() RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM partic.ensure_reportes_indicador();
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

SELECT partic.refresh_reportes_indicador();
