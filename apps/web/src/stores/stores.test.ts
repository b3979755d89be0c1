import { zeroBreak } from './effects.ts';
import { describe, expect, it } from 'vitest';
import { LAYERS, publicLayer } from '@sigmun/domain/layers';
import { createAppStore } from './index.ts';
import { visibleLayers } from './layers-slice.ts';
import { projectMatches } from './projects-slice.ts';
import { applyPermalink, permalinkFromState } from './permalink-sync.ts';
import { decodePermalink, encodePermalink } from '../lib/permalink.ts';
import { projectFilterExpression } from '../map/style.ts';

// The catalog as GET /api/layers answers it (a fresh database: version 0, no data set yet).
const catalog = LAYERS.map((l) => ({ ...publicLayer(l), version: 0, dataset: null }));

describe('layers slice', () => {
  it('opens with the catalog default visibility and full opacity', () => {
    const s = createAppStore();
    s.getState().setCatalog(catalog, null);
    const st = s.getState();
    for (const l of catalog) {
      expect(st.visible[l.id]).toBe(l.style.visible);
      expect(st.opacity[l.id]).toBe(1);
    }
    expect(st.order).toEqual(catalog.map((l) => l.id));
  });

  it('toggles, clamps opacity and moves layers within bounds', () => {
    const s = createAppStore();
    s.getState().setCatalog(catalog, null);
    const id = catalog[1].id;
    const before = s.getState().visible[id];
    s.getState().toggleLayer(id);
    expect(s.getState().visible[id]).toBe(!before);
    s.getState().setOpacity(id, 1.7);
    expect(s.getState().opacity[id]).toBe(1);
    s.getState().moveLayer(id, 1);
    expect(s.getState().order.indexOf(id)).toBe(2);
    s.getState().moveLayer(catalog[0].id, -1);
    expect(s.getState().order[0]).toBe(catalog[0].id);
  });

  it('restores a permalink layer list: only those visible, in that order, with their opacity', () => {
    const s = createAppStore();
    const wanted = [{ id: 'proyectos', opacity: 0.4 }, { id: 'colonias', opacity: 1 }];
    s.getState().setCatalog(catalog, null, [...wanted, { id: 'no_such_layer', opacity: 1 }]);
    expect(visibleLayers(s.getState())).toEqual(wanted);
  });
});

describe('indicators slice', () => {
  it('clamps classes and keeps earlier choices when patching', () => {
    const s = createAppStore();
    s.getState().setIndicatorCatalog([{ code: 'x', name: 'X', nameEn: null, unit: '', source: '', levels: ['ageb', 'colonia'], years: [2010, 2020], decimals: 0, higherIsBetter: null }]);
    s.getState().chooseIndicator({ code: 'x', classes: 12, level: 'colonia' });
    expect(s.getState().indicator).toMatchObject({ code: 'x', classes: 9, level: 'colonia', year: 2020 });
    s.getState().chooseIndicator({ method: 'jenks' });
    expect(s.getState().indicator).toMatchObject({ code: 'x', classes: 9, level: 'colonia', method: 'jenks' });
  });

  it('falls back to a published year and level', () => {
    const s = createAppStore();
    s.getState().setIndicatorCatalog([{ code: 'y', name: 'Y', nameEn: null, unit: '', source: '', levels: ['localidad'], years: [2015], decimals: 0, higherIsBetter: null }]);
    s.getState().chooseIndicator({ code: 'y', year: 2020, level: 'ageb' });
    expect(s.getState().indicator).toMatchObject({ year: 2015, level: 'localidad' });
  });
});

describe('projects slice', () => {
  it('toggles status filters and matches projects like the map filter expression', () => {
    const s = createAppStore();
    s.getState().toggleStatus('en_proceso');
    s.getState().setFilters({ eje: 2 });
    const f = s.getState().filters;
    expect(f.status).toEqual(['en_proceso']);
    expect(projectMatches({ estatus: 'en_proceso', eje_id: 2 }, f)).toBe(true);
    expect(projectMatches({ estatus: 'concluido', eje_id: 2 }, f)).toBe(false);
    expect(projectMatches({ estatus: 'en_proceso', eje_id: 3 }, f)).toBe(false);
    expect(projectFilterExpression(f)).toEqual(['all', ['in', ['get', 'estatus'], ['literal', ['en_proceso']]], ['==', ['to-number', ['get', 'eje_id']], 2]]);
    s.getState().toggleStatus('en_proceso');
    s.getState().resetFilters();
    expect(projectFilterExpression(s.getState().filters)).toBeNull();
  });
});

describe('selection slice', () => {
  it('keeps the radius when the origin moves and clears results with the origin', () => {
    const s = createAppStore();
    s.getState().setNear({ lon: -102.6, lat: 23.2, radiusM: 2500, source: 'click' });
    s.getState().setNear({ lon: -102.5, lat: 23.3 });
    expect(s.getState().near).toMatchObject({ lon: -102.5, lat: 23.3, radiusM: 2500, minutes: null });
    s.getState().setNearResults([{ id: 1, name: 'a', status: 'planeado', distanceM: 5, walkMin: null, lon: 0, lat: 0, eje: null, ejeColor: null, programa: null, dependency: null }]);
    s.getState().setNear(null);
    expect(s.getState().nearResults).toEqual([]);
  });
});

describe('participation slice', () => {
  it('keeps the zone results when only the metric changes, and drops them with another process', () => {
    const s = createAppStore();
    const zones = [{ zoneId: 1, name: 'Z1', participation: 5, votes: 40 }];
    s.getState().chooseProcess(2);
    s.getState().setZoneResults(zones, { roll: 100, participants: 5, participation: 5, validVotes: 40 });
    s.getState().chooseProcess(2, 'votes');
    expect(s.getState().participation).toEqual({ process: 2, metric: 'votes' });
    expect(s.getState().zoneResults).toEqual(zones);
    s.getState().chooseProcess(3);
    expect(s.getState().participation).toEqual({ process: 3, metric: 'votes' });
    expect(s.getState().zoneResults).toEqual([]);
    expect(s.getState().zoneTotals).toBeNull();
  });
});

describe('store ↔ permalink', () => {
  it('a store restored from the URL of another store has the same shareable state', () => {
    const a = createAppStore();
    a.getState().setCatalog(catalog, null);
    a.getState().toggleLayer('agebs', true);
    a.getState().setOpacity('agebs', 0.5);
    a.getState().moveLayer('agebs', 1);
    a.getState().setView({ lon: -102.61, lat: 23.21, zoom: 13.5, bearing: 0, pitch: 0 });
    a.getState().setIndicatorCatalog([{ code: 'pob_total', name: 'P', nameEn: null, unit: '', source: '', levels: ['ageb'], years: [2010, 2020], decimals: 0, higherIsBetter: true }]);
    a.getState().chooseIndicator({ code: 'pob_total', classes: 6, method: 'equal' });
    a.getState().toggleStatus('concluido');
    a.getState().select({ layer: 'colonias', id: 'C0007', properties: { nombre: 'x' } });
    a.getState().setNear({ lon: -102.6, lat: 23.2, radiusM: 800, source: 'click' });
    a.getState().openPanel('cerca');
    const hash = encodePermalink(permalinkFromState(a.getState()));

    const b = createAppStore();
    const p = decodePermalink(hash);
    applyPermalink(b, p);
    b.getState().setCatalog(catalog, null, p.layers);
    expect(permalinkFromState(b.getState())).toEqual(permalinkFromState(a.getState()));
  });
});

describe('change classes', () => {
  it('zero becomes a break when changes go both ways, and stays out when they do not', () => {
    expect(zeroBreak([-156, -58, 77, 119, 275, 1125])).toEqual([-156, 0, 77, 119, 275, 1125]);
    expect(zeroBreak([-10, -2, 5, 9])).toEqual([-10, 0, 5, 9]);
    expect(zeroBreak([1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    expect(zeroBreak([-5, 0, 3])).toEqual([-5, 0, 3]);
  });
});
