// Helpers of the participation suites: a moderator with an API token, and one moderation action through the API.
import { beforeAll, expect } from 'vitest';
import type { Role } from '@sigmun/domain/roles';
import { bearer, createUser } from './auth.ts';
import type { TestApp } from './test-app.ts';

/** An account of the suite's database with a fresh API token; valid inside tests (set in beforeAll). */
export interface TestAccount {
  email: string;
  token: string;
}

/**
 * Registers a beforeAll (after useTestApp's) that creates an account with `roles` and an API token for it.
 * Defaults to a `moderacion` user.
 */
export function useModerator(t: TestApp, roles: Role[] = ['moderacion'], email = `moderadora.${roles.join('-')}@example.mx`): TestAccount {
  const acc = { email } as TestAccount;
  beforeAll(async () => {
    await createUser(t.db.url, { email, roles });
    acc.token = await bearer(t.db.url, email);
  });
  return acc;
}

/** Applies a moderation action through POST /api/moderation/{reportes|propuestas}/{id}/acciones; expects 200. */
export async function moderate(t: TestApp, who: TestAccount, kind: 'reportes' | 'propuestas', id: number, body: Record<string, unknown>) {
  const res = await t.app.inject({
    method: 'POST', url: `/api/moderation/${kind}/${id}/acciones`, headers: { authorization: `Bearer ${who.token}` }, payload: body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
