import { describe, expect, it } from 'vitest';
import { parseManifest } from './manifest.ts';

describe('parseManifest', () => {
  it('reads layers, options and indicator mappings', () => {
    const m = parseManifest(`
nombre: Prueba
fecha: 2020-03-15
capas:
  - capa: agebs
    archivo: ageb/agebs.shp
    srid: 6372
    prefijo_clave: "260300001"
  - capa: indicators
    archivo: censo.csv
    indicadores: { nivel: colonia, clave: cve_col, anio: 2020, fuente: INEGI, indicadores: [{ columna: "escolaridad_años_prom" }] }
`, 'sigmun.yaml');
    expect(m.fecha).toBe('2020-03-15');
    expect(m.capas[0]).toMatchObject({ capa: 'agebs', srid: 6372, prefijo_clave: '260300001' });
    expect(m.capas[1].indicadores?.indicadores?.[0]).toMatchObject({ columna: 'escolaridad_años_prom', code: 'escolaridad_anos_prom' });
  });
  it('names the entry at fault', () => {
    expect(() => parseManifest('capas:\n  - capa: calles\n    archivo: x.shp\n', 'sigmun.yaml')).toThrow(/sigmun\.yaml: capas\[0\]: «capa» debe ser una de/);
    expect(() => parseManifest('capas:\n  - capa: agebs\n    archivo: /datos/x.shp\n', 'm.yaml')).toThrow(/ruta relativa/);
    expect(() => parseManifest('capas:\n  - capa: indicators\n    archivo: c.csv\n    indicadores: { nivel: barrio, anio: 2020, fuente: X }\n', 'm.yaml'))
      .toThrow(/«nivel» debe ser uno de/);
    expect(() => parseManifest('nombre: [', 'm.yaml')).toThrow(/no es YAML válido/);
  });
});
