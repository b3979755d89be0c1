// Conditional requests (RFC 9110 §13) for everything we serve by validator: tiles, PMTiles archives, styles, fonts
// and sprites. One place decides what If-None-Match, Range and If-Range mean, so every route answers them alike.
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The validators of what a route is about to send. */
export interface Validators {
  /** A strong entity tag, quoted ("…"). */
  etag: string;
  lastModified?: Date;
}

/** Whether an If-None-Match header matches the entity tag ('*', a list, weak tags compared weakly). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Writes ETag (and Last-Modified) on the reply and tells whether the client's copy is current (If-None-Match),
 * in which case the caller answers `reply.code(304).send()`.
 */
export function notModified(req: FastifyRequest, reply: FastifyReply, v: Validators): boolean {
  reply.header('ETag', v.etag);
  if (v.lastModified) reply.header('Last-Modified', v.lastModified.toUTCString());
  return etagMatches(req.headers['if-none-match'], v.etag);
}

/** A byte range [start, end] (inclusive) of `size` bytes, 'unsatisfiable', or null to send it whole. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  // Several ranges or a syntax we do not know: RFC 9110 lets us ignore Range and send everything.
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || (m[2] !== '' && Number(m[2]) < start)) return 'unsatisfiable';
  return { start, end };
}

/**
 * The part of an entity of `size` bytes the request asks for: its Range, honoured only when If-Range (if sent)
 * still names this entity — another validator means the client's copy changed and it must get the whole new one.
 */
export function requestedRange(req: FastifyRequest, v: Validators, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const ifRange = req.headers['if-range'];
  const rangeAllowed = !ifRange || ifRange === v.etag || (v.lastModified !== undefined && ifRange === v.lastModified.toUTCString());
  return rangeAllowed ? parseRange(req.headers.range, size) : null;
}
