// One horizontal bar chart (chart.js) of a summary dimension; a click on a bar reports the bucket's key.
import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import type { ChartBucket } from '@sigmun/domain/dashboard';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface BarChartProps {
  title: string;
  buckets: ChartBucket[];
  /** Label shown for a bucket (e.g. a translated status). */
  label: (b: ChartBucket) => string;
  color: (b: ChartBucket) => string;
  /** The bucket currently filtering the map, drawn with an outline. */
  active: string | null;
  onPick: (b: ChartBucket) => void;
  testId: string;
}

/** Bars of project counts per bucket; clicking one filters the map (the parent decides how). */
export function BarChart({ title, buckets, label, color, active, onPick, testId }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: buckets.map(label),
        datasets: [{
          data: buckets.map((b) => b.proyectos),
          backgroundColor: buckets.map(color),
          borderColor: buckets.map((b) => (b.clave === active ? '#000000' : 'rgba(0,0,0,0)')),
          borderWidth: 2,
        }],
      },
      options: {
        indexAxis: 'y',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false }, tooltip: { enabled: true } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { autoSkip: false, font: { size: 11 } } } },
        onClick: (evt) => {
          const hit = chart.getElementsAtEventForMode(evt as unknown as Event, 'nearest', { intersect: false, axis: 'y' }, false)[0];
          if (hit) pick.current(buckets[hit.index]);
        },
      },
    });
    // Where each bar is drawn, for keyboard-less checks and the browser tests (what a person would click).
    const meta = chart.getDatasetMeta(0);
    canvas.current.dataset.bars = JSON.stringify(meta.data.map((el, i) => ({ clave: buckets[i].clave, x: Math.round((el.x + (el as unknown as { base: number }).base) / 2), y: Math.round(el.y) })));
    return () => chart.destroy();
  }, [buckets, label, color, active]);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div className="chart-box" style={{ height: `${Math.max(90, buckets.length * 24 + 30)}px` }}>
        <canvas ref={canvas} role="img" aria-label={`${title}: ${buckets.map((b) => `${label(b)} ${b.proyectos}`).join(', ')}`} />
      </div>
    </figure>
  );
}
