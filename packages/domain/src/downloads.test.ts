import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAYERS } from './layers.ts';
import { downloadFileName, shapefileFieldNames } from './downloads.ts';

const doc = readFileSync(new URL('../../../docs/DOWNLOADS.md', import.meta.url), 'utf8');

describe('Shapefile field names', () => {
  it('fit in 10 characters, never clash within a layer, and are the mapping docs/DOWNLOADS.md lists', () => {
    const table = doc.slice(doc.indexOf('<!-- mapa-shapefile:inicio -->'), doc.indexOf('<!-- mapa-shapefile:fin -->'));
    const documented = [...table.matchAll(/^\| `([a-z_]+)` \| `([a-z_0-9]+)` \| `([a-z_0-9]+)` \|$/gm)].map((m) => `${m[1]}.${m[2]}→${m[3]}`);
    const renamed: string[] = [];
    for (const l of LAYERS) {
      const fields = shapefileFieldNames(l);
      expect(fields.map((f) => f.name)).toEqual(l.properties.map((p) => p.name));
      for (const f of fields) expect(f.field.length, `${l.id}.${f.name}`).toBeLessThanOrEqual(10);
      expect(new Set(fields.map((f) => f.field.toLowerCase())).size, l.id).toBe(fields.length);
      for (const f of fields) if (f.field !== f.name) renamed.push(`${l.id}.${f.name}→${f.field}`);
    }
    expect(renamed.length).toBeGreaterThan(0);
    expect(documented).toEqual(renamed);
  });

  it('shortens the longest word first and numbers a clash', () => {
    const f = shapefileFieldNames({ properties: [
      { name: 'presupuesto_aprobado', type: 'number', label: '' },
      { name: 'presupuesto_aprobada', type: 'number', label: '' },
      { name: 'id', type: 'integer', label: '' },
    ] });
    expect(f.map((x) => x.field)).toEqual(['pres_aprob', 'pres_apr_2', 'id']);
  });
});

describe('download file names', () => {
  it('are {capa}_{fecha}.{ext}, a zipped Shapefile ending in .zip', () => {
    const at = new Date('2026-03-04T23:59:00Z');
    expect(downloadFileName('colonias', 'gpkg', at)).toBe('colonias_2026-03-04.gpkg');
    expect(downloadFileName('proyectos', 'shp', at)).toBe('proyectos_2026-03-04.zip');
  });
});
