// Composites the map canvas with a title, the legend and the attribution into one PNG (2D canvas).

export interface ExportLegendRow {
  color: string;
  label: string;
}

/** The font of a legend row (exported so a test can measure a label as the export draws it). */
export const ROW_FONT = '13px system-ui, sans-serif';
const TITLE_FONT = 'bold 14px system-ui, sans-serif';
/** Width of a row's swatch and its gap before the label, px. */
export const SWATCH = 24;
// The legend column grows to its longest line up to this width; longer labels wrap, never cut.
const MAX_LEGEND_TEXT = 320;

/** `text` broken into lines no wider than `max` px in the context's current font (a long word keeps its line). */
export function wrapText(g: CanvasRenderingContext2D, text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && g.measureText(next).width > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Draws title, map, legend rows and attribution; returns a PNG data URL. */
export function composePng(mapCanvas: HTMLCanvasElement, opts: { title: string; attribution: string; legendTitle?: string; legend: ExportLegendRow[] }): string {
  const pad = 16;
  const titleH = 40;
  const rowH = 18;
  const c = document.createElement('canvas');
  const g = c.getContext('2d')!;
  // Measure first: the legend column is as wide as its text needs.
  g.font = ROW_FONT;
  const widest = Math.max(0, ...opts.legend.map((r) => g.measureText(r.label).width));
  g.font = TITLE_FONT;
  const titleWidth = opts.legendTitle ? g.measureText(opts.legendTitle).width : 0;
  const textW = Math.ceil(Math.min(MAX_LEGEND_TEXT, Math.max(widest + SWATCH, titleWidth)));
  const legendTitleLines = opts.legendTitle ? wrapText(g, opts.legendTitle, textW) : [];
  g.font = ROW_FONT;
  const rows = opts.legend.map((r) => ({ ...r, lines: wrapText(g, r.label, textW - SWATCH) }));
  const legendW = opts.legend.length ? textW + 2 * pad : 0;
  const legendH = (legendTitleLines.length + rows.reduce((a, r) => a + r.lines.length, 0)) * rowH + rows.length * 4 + 60;
  const w = mapCanvas.width + legendW;
  const h = Math.max(mapCanvas.height, legendH) + titleH + 28;
  c.width = w;
  c.height = h;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, w, h);
  g.fillStyle = '#111111';
  g.font = 'bold 20px system-ui, sans-serif';
  g.fillText(opts.title, pad, 27);
  g.drawImage(mapCanvas, 0, titleH);
  if (rows.length) {
    const x = mapCanvas.width + pad;
    let y = titleH + pad + 4;
    g.font = TITLE_FONT;
    for (const line of legendTitleLines) {
      g.fillText(line, x, y);
      y += rowH;
    }
    y += 4;
    g.font = ROW_FONT;
    for (const r of rows) {
      g.fillStyle = r.color;
      g.fillRect(x, y - 12, 16, 14);
      g.fillStyle = '#111111';
      for (const line of r.lines) {
        g.fillText(line, x + SWATCH, y);
        y += rowH;
      }
      y += 4;
    }
  }
  g.fillStyle = '#444444';
  g.font = '12px system-ui, sans-serif';
  g.fillText(opts.attribution, pad, h - 10);
  return c.toDataURL('image/png');
}
