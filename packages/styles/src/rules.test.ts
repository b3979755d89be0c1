import { describe, expect, it } from 'vitest';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { styleRuleViolations } from './rules.ts';
import { FONTS } from './fonts.ts';
import { THEME_CLARO } from './palette.ts';

const ORIGIN = 'http://localhost:8080';

function style(layers: StyleSpecification['layers'], extra: Partial<StyleSpecification> = {}): StyleSpecification {
  return { version: 8, sources: { s: { type: 'vector', url: `${ORIGIN}/tiles/x.json` } }, layers, ...extra };
}

describe('styleRuleViolations', () => {
  it('accepts a style that keeps the rules', () => {
    const ok = style([
      { id: 'a', type: 'background', paint: { 'background-color': THEME_CLARO.background } },
      { id: 'b-etiqueta', type: 'symbol', source: 's', 'source-layer': 'x', layout: { 'text-field': 'x', 'text-font': [FONTS.regular] }, paint: { 'text-color': THEME_CLARO.text } },
    ]);
    expect(styleRuleViolations(ok, ORIGIN)).toEqual([]);
  });

  it('reports colours outside the palette, unknown fonts, non-symbol labels and foreign URLs', () => {
    const bad = style(
      [
        { id: 'a', type: 'background', paint: { 'background-color': '#123456' } },
        { id: 'b', type: 'symbol', source: 's', 'source-layer': 'x', layout: { 'text-field': 'x', 'text-font': ['Open Sans Regular'] } },
        { id: 'c-etiqueta', type: 'circle', source: 's', 'source-layer': 'x', paint: { 'circle-color': ['match', ['get', 'k'], 'a', 'rgb(1,2,3)', THEME_CLARO.text] } },
      ],
      { glyphs: 'https://fonts.example.com/{fontstack}/{range}.pbf', sprite: `pmtiles://https://elsewhere.example/x` },
    );
    const v = styleRuleViolations(bad, ORIGIN);
    expect(v.some((m) => m.includes('#123456'))).toBe(true);
    expect(v.some((m) => m.includes('rgb(1,2,3)'))).toBe(true);
    expect(v.some((m) => m.includes('Open Sans Regular'))).toBe(true);
    expect(v.some((m) => m.startsWith('c-etiqueta') && m.includes('symbol'))).toBe(true);
    expect(v.some((m) => m.includes('fonts.example.com'))).toBe(true);
    expect(v.some((m) => m.includes('elsewhere.example'))).toBe(true);
  });

  it('does not take a look-alike host for the origin', () => {
    const sneaky = style([], { glyphs: `${ORIGIN}.evil.example/{fontstack}/{range}.pbf` });
    expect(styleRuleViolations(sneaky, ORIGIN)).toHaveLength(1);
  });
});
