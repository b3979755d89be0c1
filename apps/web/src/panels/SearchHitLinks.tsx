// What a search hit offers once chosen: the unit's (or project's) PDF ficha and its tablero. Shown under the search
// box, outside the results list, so that the list's options stay plain options (no controls nested in them).
import { useEffect, useState } from 'react';
import type { FichaKind, TerritoryKind } from '@sigmun/domain/dashboard';
import { fichaUrl } from '../api/dashboard.ts';
import { fetchProject } from '../api/client.ts';
import type { SearchHit } from '../api/types.ts';
import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';

// Hit types that are tablero territories (their id is the unit's key) and have a ficha.
const UNIT_KINDS: Record<string, Exclude<TerritoryKind, 'municipio'> | undefined> = { colonia: 'colonia', localidad: 'localidad', ageb: 'ageb' };

interface Target {
  ficha: { tipo: FichaKind; clave: string };
  territory: { tipo: TerritoryKind; clave: string } | null;
}

/** The tablero territory a hit stands for (a colonia, localidad or AGEB, keyed by its id), or null. */
export function hitUnitKind(h: SearchHit): Exclude<TerritoryKind, 'municipio'> | null {
  return UNIT_KINDS[h.type] ?? null;
}

/** Whether a hit of this type offers a ficha and a tablero. */
export function hitHasLinks(h: SearchHit): boolean {
  return h.type === 'proyecto' || UNIT_KINDS[h.type] !== undefined;
}

/** "Ficha PDF" and "Tablero" of the chosen hit: a unit's own, or a project's ficha and its colonia's tablero. */
export function SearchHitLinks({ hit, onClose }: { hit: SearchHit; onClose: () => void }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const setTerritory = useApp((s) => s.setTerritory);
  const openPanel = useApp((s) => s.openPanel);
  const unit = UNIT_KINDS[hit.type];
  const [target, setTarget] = useState<Target | null>(unit ? { ficha: { tipo: unit, clave: hit.id }, territory: { tipo: unit, clave: hit.id } } : null);

  useEffect(() => {
    if (unit || hit.type !== 'proyecto') return;
    // A project hit carries its id; the ficha is addressed by its clave and its tablero is its colonia's.
    const ctrl = new AbortController();
    fetchProject(hit.id, ctrl.signal).then(
      (c) => setTarget({ ficha: { tipo: 'proyecto', clave: c.clave }, territory: c.colonia ? { tipo: 'colonia', clave: c.colonia.clave } : null }),
      () => {},
    );
    return () => ctrl.abort();
  }, [hit.type, hit.id]);

  if (!target) return null;
  return (
    <div className="search-chosen dash-actions" role="group" aria-label={hit.label} data-testid="search-chosen">
      <span className="search-chosen-label">{hit.label}</span>
      <a className="button" href={fichaUrl(target.ficha.tipo, target.ficha.clave, lang)} target="_blank" rel="noopener" data-testid="search-ficha">{t('tablero.ficha')}</a>
      <button
        type="button"
        data-testid="search-tablero"
        onClick={() => {
          setTerritory(target.territory);
          openPanel('tablero');
          onClose();
        }}
      >
        {t('tablero.openDashboard')}
      </button>
      <button type="button" className="icon" onClick={onClose} aria-label={t('app.close')}>×</button>
    </div>
  );
}
