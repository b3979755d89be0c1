// Load generators: autocannon for HTTP, and the same closed loop over `pg` for the "physical limit" side of a
// ratio. Both are bounded in time and request count, and both spread a fixed list of paths over the connections
// in one shared round-robin, so A and B see the same tiles in the same order.
import autocannon from 'autocannon';
import type pg from 'pg';
import { quantile } from './stats.ts';

export interface LoadResult {
  /** Completed requests (or queries) per second, counting only the expected statuses. */
  rps: number;
  p50: number;
  p99: number;
  total: number;
  /** Requests with an unexpected status, errors and timeouts: a run with any is suspect. */
  bad: number;
  statuses: Record<string, number>;
}

export interface HttpTarget {
  path: string;
  headers?: Record<string, string>;
}

/** Loads `base` with `connections` keep-alive connections for `durationS` seconds (or `amount` requests). */
export async function httpLoad(opts: {
  base: string;
  targets: ReadonlyArray<HttpTarget>;
  connections: number;
  durationS: number;
  amount?: number;
  headers?: Record<string, string>;
  ok?: ReadonlyArray<number>;
}): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(opts.base)) throw new Error(`only 127.0.0.1 may be loaded (got ${opts.base})`);
  if (opts.targets.length === 0) throw new Error('no request targets');
  let next = 0;
  const targets = opts.targets;
  const common = opts.headers ?? {};
  const result = await autocannon({
    url: opts.base,
    connections: opts.connections,
    duration: opts.amount ? undefined : opts.durationS,
    amount: opts.amount,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => {
          const t = targets[next++ % targets.length];
          return { ...req, method: 'GET', path: t.path, headers: { ...common, ...t.headers } };
        },
      },
    ],
  });
  const ok = new Set(opts.ok ?? [200]);
  const statuses: Record<string, number> = {};
  let good = 0;
  let bad = result.errors + result.timeouts;
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) {
    statuses[code] = count;
    if (ok.has(Number(code))) good += count;
    else bad += count;
  }
  return { rps: good / result.duration, p50: result.latency.p50, p99: result.latency.p99, total: good + bad, bad, statuses };
}

/**
 * The same closed loop as autocannon, over `pg`: `connections` clients, each holding one connection and issuing
 * the next named prepared statement of the list until the time is up.
 */
export async function pgLoad(opts: {
  pool: pg.Pool;
  queries: ReadonlyArray<{ name: string; text: string; values: unknown[] }>;
  connections: number;
  durationS: number;
}): Promise<LoadResult & { bytes: number }> {
  const clients = await Promise.all(Array.from({ length: opts.connections }, () => opts.pool.connect()));
  const latencies: number[] = [];
  let next = 0;
  let bytes = 0;
  let bad = 0;
  const t0 = performance.now();
  const end = t0 + opts.durationS * 1000;
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < end) {
          const q = opts.queries[next++ % opts.queries.length];
          const s = performance.now();
          try {
            const r = await client.query(q);
            const first = r.rows[0] ? Object.values(r.rows[0])[0] : null;
            if (first && typeof first === 'object' && 'length' in first) bytes += (first as { length: number }).length;
            else if (typeof first === 'string') bytes += Buffer.byteLength(first);
            latencies.push(performance.now() - s);
          } catch {
            bad++;
          }
        }
      }),
    );
  } finally {
    for (const c of clients) c.release();
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    rps: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    total: latencies.length + bad,
    bad,
    statuses: {},
    bytes,
  };
}

/** Sequential requests, one at a time, returning each latency in ms: for latency figures (search, near, isochrone). */
export async function sequentialLatencies(
  base: string,
  paths: ReadonlyArray<string>,
  ok: ReadonlyArray<number> = [200],
): Promise<{ latencies: number[]; byPath: Array<[string, number]>; statuses: Record<string, number>; bad: number; firstError?: string }> {
  const latencies: number[] = [];
  const byPath: Array<[string, number]> = [];
  const statuses: Record<string, number> = {};
  let bad = 0;
  let firstError: string | undefined;
  for (const p of paths) {
    const s = performance.now();
    const res = await fetch(base + p);
    const body = await res.arrayBuffer();
    const ms = performance.now() - s;
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    byPath.push([p, ms]);
    if (ok.includes(res.status)) latencies.push(ms);
    else {
      bad++;
      firstError ??= `${res.status} ${p}: ${Buffer.from(body).toString('utf8').slice(0, 160)}`;
    }
  }
  return { latencies, byPath, statuses, bad, firstError };
}

/**
 * The same closed loop with Node's own http client (keep-alive Agent). autocannon parses responses with
 * http-parser-js, which is measurably slower on gzip bodies than on identity ones even from a bare node:http
 * server (see findings.md); the compression figure is taken with this client instead.
 */
export async function nodeHttpLoad(opts: {
  base: string;
  targets: ReadonlyArray<HttpTarget>;
  connections: number;
  durationS: number;
  headers?: Record<string, string>;
  ok?: ReadonlyArray<number>;
}): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(opts.base)) throw new Error(`only 127.0.0.1 may be loaded (got ${opts.base})`);
  const { Agent, request } = await import('node:http');
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const ok = new Set(opts.ok ?? [200]);
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let bad = 0;
  let next = 0;
  const t0 = performance.now();
  const end = t0 + opts.durationS * 1000;
  const one = (t: HttpTarget) =>
    new Promise<number>((resolve, reject) => {
      const req = request(opts.base + t.path, { agent, headers: { ...opts.headers, ...t.headers } }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
  try {
    await Promise.all(
      Array.from({ length: opts.connections }, async () => {
        while (performance.now() < end) {
          const s = performance.now();
          const status = await one(opts.targets[next++ % opts.targets.length]).catch(() => 0);
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (ok.has(status)) latencies.push(performance.now() - s);
          else bad++;
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { rps: latencies.length / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), total: latencies.length + bad, bad, statuses };
}
