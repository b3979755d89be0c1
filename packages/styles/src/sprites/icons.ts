// The map's point icons: equipamiento by tipo, projects by estatus, citizen proposals by estatus. Each is a
// coloured badge (the catalog's category colour, so icons match the legend) with a white border and a
// pictogram, drawn from DejaVu's symbol glyphs or from simple shapes.
import { categoryColors, THEME_CLARO, COMMON } from '../palette.ts';
import type { Ring } from '../glyphs/outline.ts';
import { circle, rect, roundedRect } from './raster.ts';

/** Icon size in CSS pixels (pixel ratio 1). */
export const ICON_SIZE = 24;

export type BadgeShape = 'circle' | 'square' | 'diamond';

/** A pictogram: a DejaVu glyph, or rings in a 0..ICON_SIZE box (y down). */
export type Pictogram = { char: string } | { rings: () => Ring[] };

export interface IconDefinition {
  name: string;
  shape: BadgeShape;
  color: string;
  pictogram: Pictogram;
}

const C = ICON_SIZE / 2;

const trophy = (): Ring[] => {
  const cup: Ring = [];
  for (let i = 0; i <= 16; i++) {
    const a = Math.PI * (i / 16);
    cup.push(C + 4.5 * Math.cos(a), C - 3 + 4.5 * Math.sin(a));
  }
  return [cup, rect(C - 1, C + 1, 2, 3.5), rect(C - 3.5, C + 4, 7, 1.6)];
};
const bus = (): Ring[] => [
  roundedRect(C - 5, C - 6, 10, 11, 1.6),
  rect(C - 3.8, C - 4.4, 7.6, 4, true),
  circle(C - 2.6, C + 2.6, 1, true, 16),
  circle(C + 2.6, C + 2.6, 1, true, 16),
  rect(C - 4.5, C + 5, 2.2, 1.6),
  rect(C + 2.3, C + 5, 2.2, 1.6),
];
const dot = (): Ring[] => [circle(C, C, 3.2)];
const ringShape = (): Ring[] => [circle(C, C, 4.6), circle(C, C, 2.9, true)];
const pause = (): Ring[] => [rect(C - 3.6, C - 4.5, 2.6, 9), rect(C + 1, C - 4.5, 2.6, 9)];

const EQUIPAMIENTO: Record<string, Pictogram> = {
  educacion: { char: '✎' },
  salud: { char: '✚' },
  abasto: { char: '⚖' },
  areas_verdes: { char: '♣' },
  deporte: { rings: trophy },
  cultura: { char: '♫' },
  gobierno: { char: '⚑' },
  seguridad: { char: '★' },
  transporte: { rings: bus },
  otro: { rings: dot },
};

const PROYECTO: Record<string, Pictogram> = {
  planeado: { rings: ringShape },
  en_proceso: { char: '⚙' },
  concluido: { char: '✔' },
  suspendido: { rings: pause },
  cancelado: { char: '✖' },
};

const PROPUESTA: Record<string, Pictogram> = {
  registrada: { char: '✉' },
  viable: { char: '✔' },
  no_viable: { char: '✖' },
  ganadora: { char: '★' },
  en_ejecucion: { char: '⚙' },
  concluida: { char: '⚑' },
};

function family(prefix: string, layer: string, property: string, shape: BadgeShape, pictos: Record<string, Pictogram>): IconDefinition[] {
  const colors = categoryColors(layer, property);
  return Object.entries(pictos).map(([value, pictogram]) => ({
    name: `${prefix}-${value}`,
    shape,
    color: colors[value] ?? COMMON.cluster,
    pictogram,
  }));
}

/** Icon name prefixes, one per icon family; a feature's icon is prefix + its category value. */
export const ICON_PREFIX = { equipamiento: 'equipamiento', proyecto: 'proyecto', propuesta: 'propuesta' } as const;

/** Every icon of the `sigmun` sprite. */
export function iconDefinitions(): IconDefinition[] {
  return [
    ...family(ICON_PREFIX.equipamiento, 'equipamiento', 'tipo', 'circle', EQUIPAMIENTO),
    ...family(ICON_PREFIX.proyecto, 'proyectos', 'estatus', 'square', PROYECTO),
    ...family(ICON_PREFIX.propuesta, 'propuestas', 'estatus', 'diamond', PROPUESTA),
  ];
}

/** Pictogram colour on a badge: white or the basemap's text colour, whichever contrasts more (WCAG ratio). */
export function pictogramColor(badge: string): string {
  const n = parseInt(badge.slice(1), 16);
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const lum = (c: number) => 0.2126 * lin((c >> 16) & 255) + 0.7152 * lin((c >> 8) & 255) + 0.0722 * lin(c & 255);
  const L = lum(n);
  const dark = lum(parseInt(THEME_CLARO.text.slice(1), 16));
  return 1.05 / (L + 0.05) >= (L + 0.05) / (dark + 0.05) ? COMMON.white : THEME_CLARO.text;
}
