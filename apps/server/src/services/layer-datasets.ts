// Which loaded data set (meta.datasets) a layer's rows came from: GET /api/layers and the data catalog say the same.
import type { LayerDataset } from '@sigmun/domain/layers';
import type { DatasetRow } from '../repositories/layers.ts';

/** The data set of a layer: the newest that names it in `detalles.capas`, else the newest load (datasets newest first). */
export function datasetForLayer(datasets: readonly DatasetRow[], layerId: string): LayerDataset | null {
  const own = datasets.find((d) => Array.isArray(d.detalles?.capas) && (d.detalles.capas as unknown[]).includes(layerId));
  const d = own ?? datasets[0];
  return d ? { id: d.id, nombre: d.nombre, fuente: d.fuente, fecha: d.fecha, demo: d.kind === 'demo' } : null;
}
