// Per-request log lines are off on tile, font, sprite and asset routes by default (a map view asks for dozens at
// once), on for the API; LOG_LEVEL=debug brings them back everywhere; errors are logged on every route.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { useTestApp } from '../support/test-app.ts';

interface Line { level: number; msg: string; req?: { url: string }; res?: { statusCode: number }; reqId?: string }

/** An app on the suite's database whose JSON log lines land in `lines`. */
async function loggingApp(dbUrl: string, env: NodeJS.ProcessEnv, webDist: string, lines: Line[]): Promise<FastifyInstance> {
  const app = await buildApp(loadConfig(env, { databaseUrl: dbUrl, webDist }), {
    logStream: { write: (s: string) => void lines.push(JSON.parse(s) as Line) },
  });
  await app.ready();
  return app;
}

/** The request lines (incoming / completed / errored) of the requests to `url`, matched by request id. */
function requestLines(lines: Line[], url: string): Line[] {
  const ids = new Set(lines.filter((l) => l.req?.url === url).map((l) => l.reqId));
  return lines.filter((l) => l.reqId !== undefined && ids.has(l.reqId));
}

const t = useTestApp('request-logging');
const web = mkdtempSync(join(tmpdir(), 'sigmun-web-'));
const ASSET = '/assets/index-AbCdEf12.js';
const QUIET = ['/tiles/colonias/12/818/1794.mvt', '/fonts/DejaVu%20Sans%20Book/0-255.pbf', '/sprites/sigmun.json', ASSET];

let quiet: FastifyInstance;
let debug: FastifyInstance;
const quietLines: Line[] = [];
const debugLines: Line[] = [];

beforeAll(async () => {
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(web, ASSET), 'console.log(1)');
  quiet = await loggingApp(t.db.url, { LOG_LEVEL: 'info' }, web, quietLines);
  debug = await loggingApp(t.db.url, { LOG_LEVEL: 'debug' }, web, debugLines);
});
afterAll(async () => {
  await quiet?.close();
  await debug?.close();
  rmSync(web, { recursive: true, force: true });
});

describe('LOG_LEVEL=info (the default)', () => {
  it('writes no request line for tiles, fonts, sprites and assets', async () => {
    for (const url of QUIET) {
      const res = await quiet.inject(url);
      expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBeLessThan(400);
    }
    // The stream does capture request lines: an API request in between is there.
    expect((await quiet.inject('/api/health')).statusCode).toBeLessThan(600);
    expect(requestLines(quietLines, '/api/health').map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    for (const url of QUIET) expect(quietLines.filter((l) => l.req?.url === url), url).toEqual([]);
  });

  it('logs each API request: incoming and completed, at info', async () => {
    const res = await quiet.inject('/api/layers');
    expect(res.statusCode).toBe(200);
    const own = requestLines(quietLines, '/api/layers');
    expect(own.map((l) => [l.msg, l.level])).toEqual([['incoming request', 30], ['request completed', 30]]);
    expect(own[1].res?.statusCode).toBe(200);
  });

  it('still logs an error on a quiet route', async () => {
    // The tile query of a layer whose table is gone fails inside PostgreSQL: a 500, and its error line.
    await t.db.pool.query('ALTER TABLE carto.agebs RENAME TO agebs_gone');
    try {
      const url = '/tiles/agebs/12/818/1794.mvt';
      const res = await quiet.inject(url);
      expect(res.statusCode).toBe(500);
      const errors = quietLines.filter((l) => l.level >= 50 && JSON.stringify(l).includes('agebs'));
      expect(errors.length, JSON.stringify(quietLines.slice(-3))).toBeGreaterThan(0);
      // No info line for it, though.
      expect(requestLines(quietLines, url)).toEqual([]);
    } finally {
      await t.db.pool.query('ALTER TABLE carto.agebs_gone RENAME TO agebs');
    }
  });
});

describe('LOG_LEVEL=debug', () => {
  it('brings the request lines back on the quiet routes', async () => {
    for (const url of QUIET) {
      expect((await debug.inject(url)).statusCode, url).toBeLessThan(400);
      const own = requestLines(debugLines, url);
      expect(own.map((l) => l.msg), url).toEqual(['incoming request', 'request completed']);
    }
  });
});
