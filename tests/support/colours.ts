// Colours the browser suites look for in a page's pixels, read from the layer catalog (never re-typed in a test).
import { findLayer } from '@sigmun/domain/layers';

export type Rgb = [number, number, number];

/** '#rrggbb' → [r, g, b]. */
export function hexRgb(hex: string): Rgb {
  const h = hex.replace('#', '');
  return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as Rgb;
}

/** The catalog's colour of one value of a layer's property (e.g. reportes.estatus = 'recibido'); throws if none. */
export function valueRgb(layerId: string, property: string, value: string): Rgb {
  const color = findLayer(layerId)?.properties.find((p) => p.name === property)?.values?.find((v) => v.value === value)?.color;
  if (!color) throw new Error(`${layerId}.${property} = ${value} has no colour in the catalog`);
  return hexRgb(String(color));
}

/** Every coloured value of a layer's property, as value → RGB. */
export function valueRgbs(layerId: string, property: string): Record<string, Rgb> {
  const values = findLayer(layerId)?.properties.find((p) => p.name === property)?.values ?? [];
  return Object.fromEntries(values.filter((v) => v.color).map((v) => [String(v.value), hexRgb(String(v.color))]));
}
