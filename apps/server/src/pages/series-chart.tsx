// A small line chart of an indicator's municipal series, drawn as SVG on the server (no script): one point per year,
// labelled with its value, with a title for screen readers; the same figures are in a table beside it.
import type { SeriesPoint } from '@sigmun/domain/catalog';

const W = 320;
const H = 160;
const PAD = { l: 12, r: 12, t: 24, b: 28 };

/** The SVG of a series (values formatted by `fmt`); nothing when no year has a value. */
export function SeriesChart({ serie, label, fmt }: { serie: readonly SeriesPoint[]; label: string; fmt: (v: number) => string }) {
  const pts = serie.filter((p): p is SeriesPoint & { valor: number } => p.valor !== null);
  if (!pts.length) return null;
  const ys = pts.map((p) => p.valor);
  const lo = Math.min(0, ...ys);
  const hi = Math.max(...ys) || 1;
  const years = pts.map((p) => p.anio);
  const x0 = Math.min(...years);
  const x1 = Math.max(...years);
  const x = (a: number) => PAD.l + (x1 === x0 ? (W - PAD.l - PAD.r) / 2 : ((a - x0) / (x1 - x0)) * (W - PAD.l - PAD.r - 40) + 20);
  const y = (v: number) => PAD.t + (1 - (v - lo) / (hi - lo || 1)) * (H - PAD.t - PAD.b);
  const path = pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.anio).toFixed(1)},${y(p.valor).toFixed(1)}`).join(' ');
  return (
    <svg className="series-chart" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={label}>
      <title>{label}</title>
      <line x1={PAD.l} x2={W - PAD.r} y1={y(lo)} y2={y(lo)} stroke="#767676" strokeWidth="1" />
      <path d={path} fill="none" stroke="#0b4f6c" strokeWidth="2.5" />
      {pts.map((p) => (
        <g key={p.anio}>
          <circle cx={x(p.anio)} cy={y(p.valor)} r="4" fill="#0b4f6c" />
          <text x={x(p.anio)} y={y(p.valor) - 8} textAnchor="middle" fontSize="12" fill="#1b1b1b">{fmt(p.valor)}</text>
          <text x={x(p.anio)} y={H - 8} textAnchor="middle" fontSize="12" fill="#555555">{p.anio}</text>
        </g>
      ))}
    </svg>
  );
}
