import pg from 'pg';

// int8 (counts, sums) fits a double for every figure a municipality has; numeric stays a string unless parsed.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
// Dates stay as 'YYYY-MM-DD' strings: no time zone shifts between server and client.
pg.types.setTypeParser(1082, (v) => v);

export type Pool = pg.Pool;

/** A connection pool with an application name (server queries can be told apart in pg_stat_activity) and session settings. */
export function createPool(url: string, opts: { max?: number; applicationName?: string; settings?: Record<string, string | number> } = {}): pg.Pool {
  const options = Object.entries(opts.settings ?? {}).map(([k, v]) => `-c ${k}=${v}`).join(' ');
  return new pg.Pool({
    connectionString: url,
    max: opts.max ?? 16,
    application_name: opts.applicationName ?? 'sigmun',
    idleTimeoutMillis: 30_000,
    ...(options ? { options } : {}),
  });
}

/** Runs `fn` inside one transaction: COMMIT when it returns, ROLLBACK when it throws. */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
