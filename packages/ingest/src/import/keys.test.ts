import { describe, expect, it } from 'vitest';
import { keyReader } from './keys.ts';

describe('keyReader', () => {
  it('keeps a full CVEGEO with its leading zeros and letters', () => {
    const read = keyReader({ kind: 'cvegeo', length: 13 }, ['CVEGEO'], {}, 'f.shp');
    expect(read({ CVEGEO: '010010001177a' }, 1)).toBe('010010001177A');
  });
  it('rebuilds the key from split columns, restoring zeros lost as numbers', () => {
    const read = keyReader({ kind: 'cvegeo', length: 9 }, ['CVE_ENT', 'CVE_MUN', 'CVE_LOC'], {}, 'f.dbf');
    expect(read({ CVE_ENT: 26, CVE_MUN: 30, CVE_LOC: 1 }, 1)).toBe('260300001');
  });
  it('leaves a 4-character AGEB key for the spatial step, or completes it with --key-prefix', () => {
    expect(keyReader({ kind: 'cvegeo', length: 13 }, ['CVEGEO'], {}, 'f')({ CVEGEO: '177A' }, 1)).toBe('177A');
    expect(keyReader({ kind: 'cvegeo', length: 13 }, ['CVEGEO'], { keyPrefix: '260300001' }, 'f')({ CVEGEO: '1869' }, 1)).toBe('2603000011869');
  });
  it('names file, row and field when a key is wrong, and fails early when the column is missing', () => {
    const read = keyReader({ kind: 'cvegeo', length: 5 }, ['cvegeo'], {}, 'm.geojson');
    expect(() => read({ cvegeo: '2603' }, 7)).toThrow(/m\.geojson, fila 7, campo «cvegeo»/);
    expect(() => keyReader({ kind: 'text', names: ['cve_col'], required: true }, ['nom_col'], {}, 'c.csv')).toThrow(/falta la columna clave/);
  });
  it('keeps colonia keys exactly as written', () => {
    const read = keyReader({ kind: 'text', names: ['cve_col'], required: true }, ['cve_col'], {}, 'c.csv');
    expect(read({ cve_col: '2603000010' }, 1)).toBe('2603000010');
  });
});
