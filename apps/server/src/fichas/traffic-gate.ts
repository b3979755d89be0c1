// The atlas yields to people: before each ficha it waits until the server has had no request from anyone else for a
// short quiet spell, so that a long atlas fills the gaps between map requests instead of competing with them
// (issue 14: "running in the background without slowing the map for others"). Under traffic that never pauses it
// still goes on, one ficha per `maxWaitMs` at most, so an atlas always finishes.

export interface TrafficGateOptions {
  /** How long the server must have seen no other request before the next ficha starts. */
  quietMs: number;
  /** The longest the atlas waits for such a spell before rendering anyway. */
  maxWaitMs: number;
}

export class TrafficGate {
  private last = 0;
  /** Times `pass` gave up waiting for a quiet spell (for the bench and tests). */
  forced = 0;

  constructor(private readonly opts: TrafficGateOptions) {}

  /** Records a request of someone other than the atlas. */
  saw(): void {
    this.last = Date.now();
  }

  /** Resolves once no other request has come for `quietMs`, or after `maxWaitMs`; true when it was quiet. */
  async pass(): Promise<boolean> {
    const start = Date.now();
    for (;;) {
      const now = Date.now();
      const quietFor = now - this.last;
      if (quietFor >= this.opts.quietMs) return true;
      if (now - start >= this.opts.maxWaitMs) {
        this.forced++;
        return false;
      }
      const wait = Math.min(this.opts.quietMs - quietFor, this.opts.maxWaitMs - (now - start));
      await new Promise((r) => setTimeout(r, Math.max(1, wait)).unref?.());
    }
  }
}
