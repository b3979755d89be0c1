// The one interface every tile provider implements (martin's Source): PostGIS layers, tilesets and archives alike.
import { labelPointsLayerId, type LayerDefinition } from '@sigmun/domain/layers';

/** TileJSON 3.0.0 as served at /tiles/{id}.json. */
export interface TileJSON {
  tilejson: '3.0.0';
  name: string;
  description?: string;
  attribution?: string;
  version?: string;
  scheme: 'xyz';
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
  center: [number, number, number];
  vector_layers: Array<{ id: string; description?: string; minzoom: number; maxzoom: number; fields: Record<string, string> }>;
}

/** A provider of vector tiles. */
export interface TileSource {
  readonly id: string;
  readonly minzoom: number;
  readonly maxzoom: number;
  /** Catalog layers drawn in this source's tiles. */
  readonly layers: ReadonlyArray<LayerDefinition>;
  /** Rows of meta.layer_versions whose bump changes this source's tiles. */
  readonly versionKeys: ReadonlyArray<string>;
  /** TileJSON for this source, with tile URLs under `baseUrl` (e.g. "https://host/tiles"). */
  tileJSON(baseUrl: string): Promise<TileJSON>;
  /** The uncompressed MVT bytes of tile z/x/y (empty when nothing is there); rejects with an AbortError when aborted. */
  getTile(z: number, x: number, y: number, signal?: AbortSignal): Promise<Uint8Array>;
}

/** TileJSON `fields` types for catalog property types. */
export function tileJsonFieldType(t: LayerDefinition['properties'][number]['type']): string {
  return t === 'integer' || t === 'number' ? 'Number' : t === 'boolean' ? 'Boolean' : 'String';
}

/** The vector_layers entry of a catalog layer. */
export function vectorLayerOf(layer: LayerDefinition): TileJSON['vector_layers'][number] {
  const fields: Record<string, string> = {};
  for (const p of layer.properties) fields[p.name] = tileJsonFieldType(p.type);
  if (layer.cluster) fields.point_count = 'Number';
  return { id: layer.id, description: layer.titulo, minzoom: layer.minzoom, maxzoom: layer.maxzoom, fields };
}

/** The source layers a catalog layer puts in a tile: itself, plus its label points when it has them. */
export function vectorLayersOf(layer: LayerDefinition): TileJSON['vector_layers'] {
  const own = vectorLayerOf(layer);
  if (!layer.style.labelPoints) return [own];
  return [own, { ...own, id: labelPointsLayerId(layer.id), description: `${layer.titulo} (puntos de etiqueta)` }];
}
