// What the server knows of an anonymous citizen: an HMAC of the IP and of a random device cookie (never the raw
// values in the database), the submission limits shared through PostgreSQL, folios and private codes.
import { createHash, createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { setContext } from '@sigmun/db/audit';
import { HttpError } from '../errors.ts';

/** Name of the device cookie (a random id; it identifies a browser for "one support per device", not a person). */
export const DEVICE_COOKIE = 'sigmun_disp';
const DEVICE_RE = /^[0-9a-f-]{36}$/;

/** Folio alphabet without 0/O, 1/I/L: read aloud over the phone without mistakes. */
const FOLIO_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * A new folio such as "R26-7KQ9XMA4": a prefix, the year and 8 random characters. Random, not sequential, so a
 * folio cannot be guessed from another one (the follow-up page is reachable by folio alone).
 */
export function newFolio(prefix: 'R' | 'P'): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += FOLIO_ALPHABET[randomInt(FOLIO_ALPHABET.length)];
  return `${prefix}${String(new Date().getUTCFullYear()).slice(2)}-${s}`;
}

/** A private code given once at submission, and the hash stored in its place. */
export function newPrivateCode(): { clave: string; hash: string } {
  const clave = randomBytes(12).toString('base64url');
  return { clave, hash: hashPrivateCode(clave) };
}

/** SHA-256 of a private code (the code is random and long: no slow hash needed). */
export function hashPrivateCode(clave: string): string {
  return createHash('sha256').update(clave).digest('hex');
}

let keyCache: { url: string; key: Promise<string> } | null = null;

/** HMAC-SHA256 of a value with the installation's key (kept in the database, read once per process). */
export async function citizenHash(app: FastifyInstance, value: string): Promise<string> {
  if (!keyCache || keyCache.url !== app.config.databaseUrl) {
    const key = app.participationReportsRepository.hashKey();
    keyCache = { url: app.config.databaseUrl, key };
    key.catch(() => { keyCache = null; });
  }
  return createHmac('sha256', await keyCache.key).update(value).digest('hex');
}

/** The device id from the cookie, or a new one set on the reply (httpOnly, SameSite=Lax, two years). */
export function deviceId(request: FastifyRequest, reply: FastifyReply): string {
  const current = request.cookies?.[DEVICE_COOKIE];
  if (current && DEVICE_RE.test(current)) return current;
  const id = randomUUID();
  reply.setCookie(DEVICE_COOKIE, id, {
    path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: 2 * 365 * 24 * 3600,
  });
  return id;
}

/** Refuses with 429 and a Spanish message when one of the limits is reached. */
export async function enforceLimits(
  app: FastifyInstance, limits: ReadonlyArray<{ ambito: string; clave: string; limite: number; ventanaSegundos: number; mensaje: string }>,
): Promise<void> {
  for (const l of limits) {
    if (!(await app.participationReportsRepository.rateTake(l.ambito, l.clave, l.limite, l.ventanaSegundos))) throw new HttpError(429, l.mensaje);
  }
}

/**
 * Runs `fn` in one transaction for an anonymous citizen's write: the audit trigger records the actor
 * `ciudadano:<device hash prefix>` and the request id; the IP is not recorded (only its hash, in the private row).
 */
export async function citizenTx<T>(app: FastifyInstance, request: FastifyRequest, deviceHash: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await app.db.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await setContext(client, { actor: `ciudadano:${deviceHash.slice(0, 12)}`, requestId: String(request.id), ip: null });
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    // A connection whose ROLLBACK fails is destroyed rather than handed to the next request.
    await client.query('ROLLBACK').catch((err: Error) => { broken = err; });
    throw e;
  } finally {
    client.release(broken);
  }
}
