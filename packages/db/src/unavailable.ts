// Telling "the database is unreachable" (a 503, try again) apart from "this query is wrong" (a bug, a 500).
import type pg from 'pg';

// SQLSTATE classes and codes that mean the server cannot serve us right now, whatever the query was:
// 08 connection exception, 53 insufficient resources (53300 too_many_connections), 57P01 admin_shutdown,
// 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up / shutting down), 57P04 database_dropped.
const UNAVAILABLE_SQLSTATE = /^(08|53)|^57P0[1-4]$/;
// Socket-level errors of connecting or talking to the server (EMFILE: this process ran out of descriptors).
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EMFILE', 'ENFILE', 'ENOENT']);
// pg's own messages for a connection that died or never came (they carry no code).
const UNAVAILABLE_MESSAGE = /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended|Client was closed|Cannot use a pool after calling end/i;

/** Whether `err` means the database is unreachable or refusing connections (answer 503), not that a query is wrong. */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  if (typeof e.code === 'string') {
    if (UNAVAILABLE_SQLSTATE.test(e.code) && e.code.length === 5) return true;
    if (UNAVAILABLE_ERRNO.has(e.code)) return true;
  }
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  // Node reports a refused dual-stack connect as an AggregateError of one error per address.
  if (Array.isArray(e.errors) && e.errors.length && e.errors.every(isDatabaseUnavailable)) return true;
  return e.cause !== undefined && e.cause !== err && isDatabaseUnavailable(e.cause);
}

/**
 * Gives every client of `pool` a permanent 'error' listener (pg-pool only guards idle ones): a connection that dies
 * while checked out then fails its own query instead of raising an unhandled 'error' that ends the process.
 */
export function guardPool(pool: pg.Pool, onError: (err: Error) => void = () => {}): pg.Pool {
  pool.on('error', onError);
  pool.on('connect', (client) => {
    client.on('error', onError);
  });
  return pool;
}
