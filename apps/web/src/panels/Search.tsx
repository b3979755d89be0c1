import { useEffect, useId, useRef, useState } from 'react';
import { TERRITORY_LAYERS } from '@sigmun/domain/dashboard';
import { appStore } from '../stores/index.ts';
import { search } from '../api/client.ts';
import type { SearchHit } from '../api/types.ts';
import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';
import { hitHasLinks, hitUnitKind, SearchHitLinks } from './SearchHitLinks.tsx';

/** Search box (combobox): type, move with ↑/↓, Enter flies to the hit; Escape closes. */
export function Search() {
  const t = useT();
  const listId = useId();
  // What the box shows, and what the person typed: only typing searches. A chosen hit writes its name into the box
  // without searching it again (that search answered ~2 s later and reopened the list over the map).
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState({ q: '', n: 0 });
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [searched, setSearched] = useState(false);
  // The hit last chosen, whose ficha and tablero are offered under the box until the query changes.
  const [chosen, setChosen] = useState<SearchHit | null>(null);
  const requestFly = useApp((s) => s.requestFly);
  const panel = useApp((s) => s.panel);
  const setNear = useApp((s) => s.setNear);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inflight = useRef<AbortController | null>(null);

  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    const query = typed.q.trim();
    if (query.length < 2) {
      setHits([]);
      setSearched(false);
      setOpen(false);
      return;
    }
    const ctrl = new AbortController();
    inflight.current = ctrl;
    timer.current = setTimeout(() => {
      search(query, ctrl.signal).then(
        (h) => {
          setHits(h);
          setActive(h.length ? 0 : -1);
          setOpen(true);
          setSearched(true);
        },
        () => {
          if (!ctrl.signal.aborted) setSearched(true);
        },
      );
    }, 180);
    return () => ctrl.abort();
  }, [typed]);

  const choose = (h: SearchHit) => {
    requestFly({ center: h.center, bbox: h.bbox, zoom: 16 });
    // A searched colonia, localidad or AGEB becomes the selected unit and the tablero's territory.
    const kind = hitUnitKind(h);
    if (kind) {
      appStore.getState().select({ layer: TERRITORY_LAYERS[kind], id: h.id, properties: null });
      appStore.getState().setTerritory({ tipo: kind, clave: h.id });
    }
    // In Cerca de mí, a searched place becomes the origin.
    if (panel === 'cerca') setNear({ lon: h.center[0], lat: h.center[1], source: 'search' });
    // A search still on its way (typed before the choice) must not reopen the list when it answers.
    if (timer.current) clearTimeout(timer.current);
    inflight.current?.abort();
    setQ(h.label);
    setOpen(false);
    setChosen(hitHasLinks(h) ? h : null);
  };

  const onKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(hits.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter' && open && hits[active]) {
      e.preventDefault();
      choose(hits[active]);
    } else if (e.key === 'Escape') setOpen(false);
  };

  const typeLabel = (type: string) => t(`search.type.${type}`);
  return (
    <div className="search" role="search">
      <input
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={open && hits.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        placeholder={t('search.placeholder')}
        value={q}
        onChange={(e) => {
          const v = e.target.value;
          setQ(v);
          setTyped((t) => ({ q: v, n: t.n + 1 }));
          setChosen(null);
        }}
        onKeyDown={onKey}
        onFocus={() => hits.length && setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        data-testid="search-input"
      />
      {/* Only with something to show: an empty list still drew its white card and shadow under the box. */}
      {open && (hits.length > 0 || searched) && (
        <ul id={listId} role="listbox" className="search-results" data-testid="search-results">
          {hits.map((h, i) => (
            <li
              key={`${h.type}:${h.id}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(h);
              }}
            >
              <span className="hit-label">{h.label}</span>
              <span className="hit-type">{typeLabel(h.type)}{h.detail ? ` · ${h.detail}` : ''}</span>
            </li>
          ))}
          {searched && hits.length === 0 && <li className="muted" role="option" aria-selected={false}>{t('search.none')}</li>}
        </ul>
      )}
      {chosen && !open && <SearchHitLinks key={`${chosen.type}:${chosen.id}`} hit={chosen} onClose={() => setChosen(null)} />}
    </div>
  );
}
