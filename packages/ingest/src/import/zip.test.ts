import { describe, expect, it } from 'vitest';
import { readZip, writeZip } from './zip.ts';

describe('zip', () => {
  it('round-trips entries with UTF-8 names and binary data', () => {
    const entries = [
      { name: 'colonias/CATAVIÑA.dbf', data: Buffer.from([0, 1, 2, 255, 254]) },
      { name: 'léame.txt', data: Buffer.from('Hermosillo, Sonora\n'.repeat(100)) },
      { name: 'vacío.prj', data: Buffer.alloc(0) },
    ];
    expect(readZip(writeZip(entries))).toEqual(entries);
  });
  it('says a truncated archive is not a zip', () => {
    const z = writeZip([{ name: 'a.shp', data: Buffer.alloc(1000, 7) }]);
    expect(() => readZip(z.subarray(0, 100), 'capa.zip')).toThrow(/capa\.zip no es un archivo zip válido/);
  });
});
