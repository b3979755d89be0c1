// A figure is one row of RESULTS.md: a measured value with its target, or "n/d" with the reason it could not be
// measured. Never a made-up number: a suite that cannot measure returns nd().

export type Verdict = 'pass' | 'miss' | 'reported' | 'n/d';

export interface Figure {
  id: string;
  /** Row label in RESULTS.md. */
  name: string;
  /** The headline number (a ratio for A ÷ B figures); null when not measured. */
  value: number | null;
  unit: string;
  /** Target as written in the issue, e.g. "≥ 0.95". */
  target: string;
  verdict: Verdict;
  /** How it was measured, or why it was not. */
  note: string;
  /** Medians of each side, per-round values and anything else worth keeping in results.json. */
  details?: Record<string, unknown>;
}

/** A figure that could not be measured in this run, with the reason. */
export function nd(id: string, name: string, target: string, reason: string, details?: Record<string, unknown>): Figure {
  return { id, name, value: null, unit: '', target, verdict: 'n/d', note: reason, details };
}

/** A measured figure; `pass` undefined means the issue only asks for it to be reported. */
export function measured(
  f: Omit<Figure, 'verdict'> & { pass?: boolean },
): Figure {
  const { pass, ...rest } = f;
  return { ...rest, verdict: pass === undefined ? 'reported' : pass ? 'pass' : 'miss' };
}

/** Runs a suite, turning a thrown error into n/d figures so one broken endpoint never hides the others. */
export async function guarded(
  ids: ReadonlyArray<{ id: string; name: string; target: string }>,
  fn: () => Promise<Figure[]>,
): Promise<Figure[]> {
  try {
    return await fn();
  } catch (e) {
    const msg = (e as Error).message?.split('\n')[0] ?? String(e);
    return ids.map((x) => nd(x.id, x.name, x.target, `error: ${msg}`));
  }
}
