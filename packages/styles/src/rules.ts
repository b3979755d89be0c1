// The rules every style document must keep, as a function so the server's tests and the web client's can
// both apply it: labels are symbol layers, colours come from the palette, fonts are ones we serve, and no
// URL leaves the origin the style was served from.
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { isServedFont } from './fonts.ts';
import { paletteColors } from './palette.ts';

const COLOR_LITERAL = /^(#[0-9a-f]{3,8}|rgba?\(|hsla?\()/i;

function walk(value: unknown, visit: (s: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => walk(v, visit));
}

/** Human-readable violations of our style rules (empty when the style keeps them all). */
export function styleRuleViolations(style: StyleSpecification, origin: string): string[] {
  const out: string[] = [];
  const palette = paletteColors();
  for (const layer of style.layers) {
    const layout = ('layout' in layer ? layer.layout : undefined) as Record<string, unknown> | undefined;
    const paint = ('paint' in layer ? layer.paint : undefined) as Record<string, unknown> | undefined;
    if (/etiqueta|label/i.test(layer.id) && layer.type !== 'symbol') out.push(`${layer.id}: una capa de etiquetas debe ser de tipo symbol`);
    if (layout && 'text-field' in layout && layer.type !== 'symbol') out.push(`${layer.id}: text-field fuera de una capa symbol`);
    walk(paint, (s) => {
      if (COLOR_LITERAL.test(s) && !palette.has(s.toLowerCase())) out.push(`${layer.id}: el color ${s} no está en la paleta`);
    });
    const fonts = layout?.['text-font'];
    if (fonts !== undefined) {
      if (!Array.isArray(fonts) || !fonts.every((f) => typeof f === 'string')) out.push(`${layer.id}: text-font debe ser una lista literal de fuentes`);
      else for (const f of fonts as string[]) if (!isServedFont(f)) out.push(`${layer.id}: la fuente "${f}" no se sirve`);
    }
  }
  walk(style, (s) => {
    const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(s);
    if (!m) return;
    const url = m[1].toLowerCase() === 'pmtiles' ? m[2] : s;
    if (!(url === origin || url.startsWith(`${origin}/`))) out.push(`URL fuera del origen ${origin}: ${s}`);
  });
  return out;
}
