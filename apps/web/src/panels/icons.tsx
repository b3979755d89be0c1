// Line icons of the tab bar (24×24, drawn with currentColor so they follow the tab's state and contrast).
import type { PanelId } from '../stores/ui-slice.ts';

const PATHS: Record<PanelId, string> = {
  capas: 'M12 3 3 8l9 5 9-5-9-5Zm-9 9 9 5 9-5M3 16l9 5 9-5',
  indicadores: 'M4 20V10m6 10V4m6 16v-7m4 7H3',
  proyectos: 'M4 21V8l8-5 8 5v13M9 21v-6h6v6M4 21h16',
  tablero: 'M4 4h7v7H4V4Zm9 0h7v4h-7V4Zm0 6h7v10h-7V10ZM4 13h7v7H4v-7Z',
  cerca: 'M12 21s-6.5-5.6-6.5-11a6.5 6.5 0 0 1 13 0C18.5 15.4 12 21 12 21Zm0-8.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Z',
  participacion: 'M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM2 20c0-3.3 2.7-6 6-6s6 2.7 6 6m-2.7-4.6A6 6 0 0 1 22 20',
  reportar: 'M12 3 2 20h20L12 3Zm0 6v5m0 3v.5',
  herramientas: 'M3 17 17 3l4 4L7 21H3v-4Zm3-3 2 2m1-5 2 2m1-5 2 2',
  tabla: 'M3 5h18v14H3V5Zm0 5h18M3 14.5h18M9 5v14',
  info: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20Zm0-11v6m0-9.5v.5',
};

/** The icon of a panel's tab. */
export function PanelIcon({ panel }: { panel: PanelId }) {
  return (
    <svg className="tab-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden focusable="false">
      <path d={PATHS[panel]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
