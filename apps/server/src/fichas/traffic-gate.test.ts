import { describe, expect, it } from 'vitest';
import { TrafficGate } from './traffic-gate.ts';

describe('TrafficGate', () => {
  it('passes at once when nothing was seen, and after the quiet spell when a request just came', async () => {
    const gate = new TrafficGate({ quietMs: 120, maxWaitMs: 5_000 });
    let t = Date.now();
    expect(await gate.pass()).toBe(true);
    expect(Date.now() - t).toBeLessThan(100);
    gate.saw();
    t = Date.now();
    expect(await gate.pass()).toBe(true);
    expect(Date.now() - t).toBeGreaterThanOrEqual(115);
    expect(gate.forced).toBe(0);
  });

  it('under requests that never pause, waits no longer than maxWaitMs and counts the forced pass', async () => {
    const gate = new TrafficGate({ quietMs: 200, maxWaitMs: 400 });
    const traffic = setInterval(() => gate.saw(), 20);
    gate.saw();
    const t = Date.now();
    try {
      expect(await gate.pass()).toBe(false);
    } finally {
      clearInterval(traffic);
    }
    expect(Date.now() - t).toBeGreaterThanOrEqual(395);
    expect(gate.forced).toBe(1);
  });
});
