// Secrets: argon2id password hashes (a maintained library, never hand-rolled) and random session ids / API tokens
// that rest in the database only as SHA-256 hashes (they are 256-bit random, so a fast hash is enough).
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@sigmun/domain/auth';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane). algorithm 2 = Argon2id (the package's const enum,
// which isolatedModules cannot read).
const ARGON = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Why a password is unacceptable (in Spanish), or null. */
export function passwordProblem(pw: string): string | null {
  const n = [...pw].length;
  if (n < PASSWORD_MIN_LENGTH) return `La contraseña debe tener al menos ${PASSWORD_MIN_LENGTH} caracteres.`;
  if (n > PASSWORD_MAX_LENGTH) return `La contraseña no puede tener más de ${PASSWORD_MAX_LENGTH} caracteres.`;
  return null;
}

/** The argon2id PHC string of a password. */
export function hashPassword(pw: string): Promise<string> {
  return hash(pw.normalize('NFC'), ARGON);
}

/** True when `pw` matches the stored hash; false for a malformed hash too. */
export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  try {
    return await verify(stored, pw.normalize('NFC'));
  } catch {
    return false;
  }
}

// A hash computed once, verified against when the account does not exist, so that an unknown email costs as much
// time as a wrong password (no account enumeration by timing).
let dummy: Promise<string> | null = null;
/** Spends a password verification's time on nothing (unknown account). */
export async function burnPasswordTime(pw: string): Promise<void> {
  dummy ??= hashPassword('contraseña-de-relleno-sin-uso');
  await verifyPassword(await dummy, pw);
}

/** SHA-256 hex of a session id or token: what the database stores and looks up. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A new session id (256 random bits, base64url). */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** A new anti-CSRF token. */
export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

export const TOKEN_PREFIX = 'sigmun_';

/** A new API token (`sigmun_` + 256 random bits) and the short prefix shown in lists. */
export function newApiToken(): { token: string; prefijo: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, prefijo: token.slice(0, TOKEN_PREFIX.length + 6) };
}
