import type { ImportReport } from './run.ts';

/** A progress bar on stderr for terminals; nothing when output is piped (logs stay clean). */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update: (done: number, total: number | null) => void; end: () => void } {
  if (!stream.isTTY) return { update: () => {}, end: () => {} };
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 80 && done !== total) return;
      last = now;
      const width = 30;
      const frac = total ? Math.min(1, done / total) : 0;
      const bar = total ? '█'.repeat(Math.round(frac * width)).padEnd(width, '░') : '…';
      stream.write(`\r  ${bar} ${done.toLocaleString('es-MX')}${total ? ` / ${total.toLocaleString('es-MX')}` : ''} registros`);
    },
    end() {
      stream.write('\r\x1b[K');
    },
  };
}

/** The human-readable report: counts, then the rejected rows with their reasons (the first `max`). */
export function formatReport(r: ImportReport, max = 50): string {
  const n = (x: number) => x.toLocaleString('es-MX');
  const lines = [
    `${r.simulacro ? 'Simulacro (no se guardó nada)' : 'Importación terminada'}: ${r.archivo} → capa ${r.capa}${r.srid ? ` (EPSG:${r.srid} → 3857)` : ''}`,
    `  leídos: ${n(r.leidos)}   cargados: ${n(r.cargados)}   reparados: ${n(r.reparados)}   rechazados: ${n(r.rechazados.length)}   duración: ${(r.duracion_ms / 1000).toFixed(1)} s`,
  ];
  if (r.indicadores) lines.push(`  indicadores: ${r.indicadores.join(', ')}   valores nulos marcados: ${n(r.nulos ?? 0)}   claves sin unidad en el mapa: ${n(r.sin_unidad ?? 0)}`);
  for (const a of r.avisos ?? []) lines.push(`  Aviso: ${a}`);
  if (r.rechazados.length) {
    lines.push('  Rechazados:');
    for (const x of r.rechazados.slice(0, max)) lines.push(`    fila ${x.fila}${x.clave ? ` (${x.clave})` : ''}: ${x.motivo}`);
    if (r.rechazados.length > max) lines.push(`    … y ${n(r.rechazados.length - max)} más (use --json para la lista completa)`);
  }
  return lines.join('\n');
}
