import { useApp } from '../stores/index.ts';
import { hasMessage, useT } from '../i18n/index.ts';
import { luminance } from '@sigmun/styles/palette';
import type { LayerInfo } from '../api/types.ts';

/** The colour the map gives a status of `layer` (the catalog's category colours), if it has one. */
function statusColor(catalog: readonly LayerInfo[], layer: string, status: string): string | null {
  const l = catalog.find((x) => x.id === layer);
  const prop = l?.properties.find((p) => p.name === (l.style.colorBy ?? 'estatus'));
  return prop?.values?.find((v) => String(v.value) === status)?.color ?? null;
}

/** The text colour (dark ink or white) with the higher WCAG contrast ratio over `bg` (1.4.3 asks 4.5:1). */
export function inkOver(bg: string): string {
  const l = luminance(bg);
  const ink = luminance('#1b1b1b');
  return (l + 0.05) / (ink + 0.05) >= 1.05 / (l + 0.05) ? '#1b1b1b' : '#ffffff';
}

/** A project's or proposal's status as a chip in the same colour as its symbol on the map. */
export function StatusChip({ status, layer = 'proyectos' }: { status: string; layer?: string }) {
  const t = useT();
  const color = useApp((s) => statusColor(s.catalog, layer, status));
  const style = color ? { background: color, color: inkOver(color) } : undefined;
  return (
    <span className={`status status-${status}`} style={style} data-testid="status-chip" data-status={status}>
      {hasMessage(`status.${status}`) ? t(`status.${status}`) : status}
    </span>
  );
}
