import { describe, expect, it } from 'vitest';
import { decodePermalink, encodePermalink, type PermalinkState } from './permalink.ts';

describe('permalink', () => {
  const full: PermalinkState = {
    view: { lon: -102.59829, lat: 23.20007, zoom: 14.25, bearing: 0, pitch: 0 },
    layers: [{ id: 'municipio', opacity: 1 }, { id: 'proyectos', opacity: 0.55 }],
    indicator: { code: 'pob_total', level: 'colonia', year: 2020, method: 'jenks', classes: 7, mode: 'value', compare: '2010' },
    filters: { status: ['en_proceso', 'concluido'], eje: 2, programa: 14, dependency: 'Obras Públicas & Servicios', year: 2023 },
    selection: { layer: 'colonias', id: 'C0001' },
    near: { lon: -102.6, lat: 23.2, radiusM: 1500, minutes: 15 },
    participation: { process: 3, metric: 'votes' },
    panel: 'indicadores',
    lang: 'en',
    territory: { tipo: 'colonia', clave: 'C0001' },
    period: { desde: 2022, hasta: null },
  };

  it('round-trips every part of the state', () => {
    expect(decodePermalink(encodePermalink(full))).toEqual(full);
  });

  it('round-trips through a real URL hash with a leading #', () => {
    const url = new URL(`http://localhost/#${encodePermalink(full)}`);
    expect(decodePermalink(url.hash)).toEqual(full);
  });

  it('keeps accents and reserved characters of free text intact', () => {
    const s: PermalinkState = { filters: { status: [], eje: null, programa: null, dependency: 'Dirección de Obras: Norte/Sur, 1&2=3', year: null } };
    expect(decodePermalink(encodePermalink(s)).filters?.dependency).toBe(s.filters!.dependency);
  });

  it('encodes an empty layer list so that "no layers" survives', () => {
    expect(decodePermalink(encodePermalink({ layers: [] })).layers).toEqual([]);
  });

  it('ignores malformed parts instead of failing', () => {
    const d = decodePermalink('#v=abc/1/2&i=x:ageb:2020:magic:5:value&cerca=1,2&sel=nocolon&l=a~zz');
    expect(d.view).toBeUndefined();
    expect(d.indicator).toBeUndefined();
    expect(d.near).toBeUndefined();
    expect(d.selection).toBeUndefined();
    expect(d.layers).toEqual([{ id: 'a', opacity: 1 }]);
  });

  it('clamps classes to 3–9 and rejects out-of-range coordinates', () => {
    expect(decodePermalink('i=p:ageb:2020:quantile:20:value').indicator?.classes).toBe(9);
    expect(decodePermalink('v=10/95/10').view).toBeUndefined();
  });
});
