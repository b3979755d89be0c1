// Place search across the municipality: the types of hits and the response shape.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from './schema.ts';

export const SEARCH_TYPES = ['colonia', 'localidad', 'ageb', 'vialidad', 'proyecto', 'equipamiento'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Spanish label per hit type, for the results list. */
export const SEARCH_TYPE_LABELS: Record<SearchType, string> = {
  colonia: 'Colonia',
  localidad: 'Localidad',
  ageb: 'AGEB',
  vialidad: 'Calle',
  proyecto: 'Proyecto',
  equipamiento: 'Equipamiento',
};

/**
 * Most colonias a full five-digit postal code returns: all the colonias that carry it, beyond the asked `limit`, so
 * that a code shared by many colonias is not cut at the default ten, but never more than this.
 */
export const SEARCH_CP_MAX = 100;

export const SearchHit = Type.Object({
  type: StringEnum(SEARCH_TYPES),
  /** Key in its own table (cve_col, cvegeo of a localidad or AGEB, project id…); for a street, its normalised name. */
  id: Type.String(),
  name: Type.String(),
  /** Where it is, e.g. the colonia's localidad or the project's programa. */
  context: Type.Union([Type.String(), Type.Null()]),
  /** [lon, lat] in WGS84. */
  centroid: Type.Tuple([Type.Number(), Type.Number()]),
  /** [minLon, minLat, maxLon, maxLat] in WGS84. */
  bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
  score: Type.Number(),
});
export type SearchHit = Static<typeof SearchHit>;

export const SearchResponse = Type.Object({ query: Type.String(), hits: Type.Array(SearchHit) });
export type SearchResponse = Static<typeof SearchResponse>;
