import type { LoadResult } from './load.ts';
import { median, round } from './stats.ts';

export interface Interleaved {
  a: LoadResult[];
  b: LoadResult[];
  /** A ÷ B throughput of each round. */
  ratios: number[];
  ratio: number;
}

/**
 * Runs A, B, A, B… for `rounds` rounds. Each round's ratio compares runs a few seconds apart, so a noisy
 * neighbour on this shared machine shifts both sides; the figure is the median of the per-round ratios.
 */
export async function interleave(
  rounds: number,
  a: () => Promise<LoadResult>,
  b: () => Promise<LoadResult>,
): Promise<Interleaved> {
  const out: Interleaved = { a: [], b: [], ratios: [], ratio: NaN };
  for (let i = 0; i < rounds; i++) {
    const ra = await a();
    const rb = await b();
    for (const [side, r] of [['A', ra], ['B', rb]] as const) {
      if (r.rps === 0) throw new Error(`side ${side} got no expected responses (statuses ${JSON.stringify(r.statuses)}, ${r.bad} bad)`);
    }
    out.a.push(ra);
    out.b.push(rb);
    out.ratios.push(ra.rps / rb.rps);
  }
  out.ratio = median(out.ratios);
  return out;
}

/** The per-side medians kept in results.json for a ratio figure. */
export function sides(r: Interleaved, aLabel: string, bLabel: string): Record<string, unknown> {
  const side = (xs: LoadResult[]) => ({
    rps: round(median(xs.map((x) => x.rps))),
    p50_ms: round(median(xs.map((x) => x.p50))),
    p99_ms: round(median(xs.map((x) => x.p99))),
    bad: xs.reduce((s, x) => s + x.bad, 0),
  });
  return { [aLabel]: side(r.a), [bLabel]: side(r.b), ratios: r.ratios.map(round) };
}

/** "A 1234/s ÷ B 1300/s" for the notes column. */
export function describe(r: Interleaved, aLabel: string, bLabel: string): string {
  const ma = median(r.a.map((x) => x.rps));
  const mb = median(r.b.map((x) => x.rps));
  const bad = [...r.a, ...r.b].reduce((s, x) => s + x.bad, 0);
  return `${aLabel} ${round(ma)}/s ÷ ${bLabel} ${round(mb)}/s, median of ${r.ratios.length} interleaved rounds${bad ? `; ${bad} bad responses` : ''}`;
}
