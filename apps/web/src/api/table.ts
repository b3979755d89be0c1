// The attribute table of a layer (GET /api/layers/{id}/table), typed with the schema the server declares.
import type { AttributeTable } from '@sigmun/domain/attribute-table';
import { getJson } from './http.ts';

export type { AttributeTable };

/** GET /api/layers/{id}/table — every row of a catalog layer, column by column, with each row's box. */
export function fetchLayerTable(layer: string, signal?: AbortSignal): Promise<AttributeTable> {
  return getJson<AttributeTable>(`/api/layers/${encodeURIComponent(layer)}/table`, { signal });
}
