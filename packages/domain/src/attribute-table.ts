// The attribute table of a catalog layer: every row's properties without geometry, sent as columns (one array per
// catalog property) plus one bounding box per row, so that 100,000 manzanas travel as a few megabytes of JSON
// instead of 100,000 GeoJSON features, and the client sorts, filters and frames them without asking again.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './schema.ts';

/** A cell as it travels: text, number, boolean (dates as ISO text) or null. */
export const AttributeCell = Nullable(Type.Union([Type.String(), Type.Number(), Type.Boolean()]));
export type AttributeCell = Static<typeof AttributeCell>;

/** GET /api/layers/{layerId}/table — the layer's rows in key order, column by column. */
export const AttributeTable = Type.Object({
  layer: Type.String({ description: 'Id de la capa del catálogo' }),
  version: Type.Integer({ description: 'Versión de los datos de la capa (la misma que invalida sus teselas)' }),
  count: Type.Integer({ minimum: 0, description: 'Número de filas' }),
  columns: Type.Array(Type.String(), { description: 'Propiedades del catálogo, en su orden (nombres de `properties` de la capa)' }),
  values: Type.Array(Type.Array(AttributeCell), { description: 'Una lista por columna, `count` valores cada una, en el orden de las filas' }),
  bbox: Type.Array(Nullable(Type.Array(Type.Number(), { minItems: 4, maxItems: 4 })), {
    description: 'Caja de cada fila en CRS84 [minLon, minLat, maxLon, maxLat] (5 decimales), en el orden de las filas; null sin geometría',
  }),
});
export type AttributeTable = Static<typeof AttributeTable>;

/** Rounding of the boxes: 5 decimals of a degree are ~1 m, enough to frame a block and to test it against the view. */
export const ATTRIBUTE_BBOX_DECIMALS = 5;
