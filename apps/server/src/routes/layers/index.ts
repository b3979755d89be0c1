import type { FastifyPluginAsync } from 'fastify';
import table from './table.ts';
import { LAYER_GROUPS, LAYERS, LayerCatalog, TILESETS, publicLayer } from '@sigmun/domain/layers';
import { datasetForLayer } from '../../services/layer-datasets.ts';

/** GET /api/layers — the catalog for the client's layer panel, with each layer's data version and source. */
const layers: FastifyPluginAsync = async (app) => {
  await app.register(table);
  app.get(
    '/api/layers',
    {
      schema: {
        tags: ['capas'],
        summary: 'Catálogo de capas del mapa, con versión y fuente de los datos',
        response: {
          200: LayerCatalog,
        },
      },
    },
    async (): Promise<LayerCatalog> => {
      const [versions, datasets] = await Promise.all([
        app.tiles.versions.read(),
        app.layersRepository.datasets(),
      ]);
      return {
        groups: Object.entries(LAYER_GROUPS).map(([id, g]) => ({ id, ...g })).sort((a, b) => a.orden - b.orden),
        tilesets: Object.entries(TILESETS).map(([id, s]) => ({ id, titulo: s.titulo, layers: [...s.layers], tiles: `/tiles/${id}/{z}/{x}/{y}.mvt`, tilejson: `/tiles/${id}.json` })),
        layers: LAYERS.map((l) => ({
          ...publicLayer(l),
          version: Math.max(0, ...l.source.versionKeys.map((k) => versions.get(k) ?? 0)),
          dataset: datasetForLayer(datasets, l.id),
        })),
      };
    },
  );
};
export default layers;
