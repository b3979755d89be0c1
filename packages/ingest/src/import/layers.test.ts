import { describe, expect, it } from 'vitest';
import { LAYERS as CATALOG, TILESETS } from '@sigmun/domain/layers';
import { isCartography, LAYER_NAMES, LAYERS, resolveLayer } from './layers.ts';
import { CLEAR, PUBLISH } from './queries.ts';

describe('importer layers come from the catalog', () => {
  it('every importable layer is a catalog id, its table the catalog\'s source.table', () => {
    const ids = new Set(CATALOG.map((l) => l.id));
    for (const name of LAYER_NAMES.filter((n) => n !== 'indicators')) {
      expect(ids.has(name), name).toBe(true);
      const cat = CATALOG.find((l) => l.id === name)!;
      expect(LAYERS[name as keyof typeof LAYERS].table).toBe(cat.source.table);
      const [schema, table] = cat.source.table.split('.');
      expect(PUBLISH[name as keyof typeof PUBLISH]).toContain(`INSERT INTO "${schema}"."${table}"`);
    }
    expect(CLEAR.agebs).toBe('DELETE FROM "carto"."agebs"');
  });
  it('users may type aliases; isCartography is the catalog\'s cartografia tileset', () => {
    expect(resolveLayer('projects')).toBe('proyectos');
    expect(resolveLayer('Propuesta')).toBe('propuestas');
    expect(resolveLayer('AGEB')).toBe('agebs');
    expect(resolveLayer('calles')).toBeUndefined();
    expect(CATALOG.filter((l) => isCartography(l.id)).map((l) => l.id).sort()).toEqual([...TILESETS.cartografia.layers].sort());
  });
});
