// Drawing a project's geometry on the map with terra-draw (a maintained drawing library for MapLibre): one shape
// at a time, point, line or polygon; the finished shape is handed back as GeoJSON (WGS84).
import type { Map as MlMap } from 'maplibre-gl';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPointMode, TerraDrawPolygonMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { GeometryInput } from '@sigmun/domain/seguimiento';
import type { Static } from '@sinclair/typebox';

export type DrawKind = 'polygon' | 'linestring' | 'point';
export type Geometry = Static<typeof GeometryInput>;

let active = 0;
/** Whether a drawing session is on: the map's own click selection must leave the clicks to it. */
export const isDrawing = () => active > 0;

/** A drawing session: `stop()` removes the tool and whatever it drew from the map. */
export interface DrawSession {
  stop: () => void;
}

/**
 * Starts drawing a `kind` on `map`; each finished shape replaces the previous one and is passed to `onDone`.
 * Polygons close on Enter or a click on the first vertex.
 */
export function startDrawing(map: MlMap, kind: DrawKind, onDone: (g: Geometry) => void): DrawSession {
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map }),
    modes: [
      new TerraDrawPolygonMode({ keyEvents: { cancel: 'Escape', finish: 'Enter' }, styles: { fillColor: '#d9480f', fillOpacity: 0.35, outlineColor: '#d9480f', outlineWidth: 2 } }),
      new TerraDrawLineStringMode({ keyEvents: { cancel: 'Escape', finish: 'Enter' }, styles: { lineStringColor: '#d9480f', lineStringWidth: 3 } }),
      new TerraDrawPointMode({ styles: { pointColor: '#d9480f', pointWidth: 6 } }),
    ],
  });
  draw.start();
  draw.setMode(kind);
  active++;
  let stopped = false;
  draw.on('finish', (id) => {
    const f = draw.getSnapshotFeature(id);
    if (!f) return;
    // One shape per project: drop earlier ones.
    const others = draw.getSnapshot().filter((x) => x.id !== id).map((x) => x.id!);
    if (others.length) draw.removeFeatures(others);
    onDone({ type: f.geometry.type, coordinates: f.geometry.coordinates } as Geometry);
  });
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      active--;
      draw.clear();
      draw.stop();
    },
  };
}
