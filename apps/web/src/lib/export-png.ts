// Composites the map canvas with a title, the legend and the attribution into one PNG (2D canvas).

export interface ExportLegendRow {
  color: string;
  label: string;
}

/** Draws title, map, legend rows and attribution; returns a PNG data URL. */
export function composePng(mapCanvas: HTMLCanvasElement, opts: { title: string; attribution: string; legendTitle?: string; legend: ExportLegendRow[] }): string {
  const pad = 16;
  const titleH = 40;
  const rowH = 20;
  const legendW = opts.legend.length ? 260 : 0;
  const w = mapCanvas.width + legendW;
  const h = Math.max(mapCanvas.height, opts.legend.length * rowH + 60) + titleH + 28;
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  const g = c.getContext('2d')!;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, w, h);
  g.fillStyle = '#111111';
  g.font = 'bold 20px system-ui, sans-serif';
  g.fillText(opts.title, pad, 27);
  g.drawImage(mapCanvas, 0, titleH);
  if (opts.legend.length) {
    let y = titleH + pad + 4;
    g.font = 'bold 14px system-ui, sans-serif';
    if (opts.legendTitle) {
      g.fillText(opts.legendTitle.slice(0, 34), mapCanvas.width + pad, y);
      y += rowH;
    }
    g.font = '13px system-ui, sans-serif';
    for (const r of opts.legend) {
      g.fillStyle = r.color;
      g.fillRect(mapCanvas.width + pad, y - 12, 16, 14);
      g.fillStyle = '#111111';
      g.fillText(r.label.slice(0, 34), mapCanvas.width + pad + 24, y);
      y += rowH;
    }
  }
  g.fillStyle = '#444444';
  g.font = '12px system-ui, sans-serif';
  g.fillText(opts.attribution, pad, h - 10);
  return c.toDataURL('image/png');
}
