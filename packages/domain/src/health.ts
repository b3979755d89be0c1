// What /api/health and /api/health/live answer (apps/server/src/routes/health), for supervisors and the page.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from './schema.ts';

/** The parts a health check looks at; `failed` names those that are down. */
export const HEALTH_PARTS = ['database', 'listener', 'replica'] as const;

/**
 * Readiness: 200 when the database answers (`ok`, or `degraded` when only the change listener or the read replica is
 * down: tiles are then revalidated on every request, reads go to the primary), 503 `unavailable` when it does not.
 */
export const Health = Type.Object({
  status: StringEnum(['ok', 'degraded', 'unavailable'] as const),
  failed: Type.Array(StringEnum(HEALTH_PARTS)),
  database: Type.Object({
    ok: Type.Boolean(),
    postgis: Nullable(Type.String()),
    dataset: Nullable(Type.String()),
    latency_ms: Nullable(Type.Integer()),
    error: Type.Optional(Type.String()),
  }),
  listener: Type.Object({ ok: Type.Boolean(), reconnects: Type.Integer() }),
  /**
   * The read replica (DATABASE_READ_URL), when one is configured: `ok` while it answers as a standby; its lag as
   * WAL bytes not yet replayed; `fallbacks` counts reads sent to the primary because it was unreachable.
   */
  replica: Type.Optional(Type.Object({
    ok: Type.Boolean(),
    lag_bytes: Nullable(Type.Integer()),
    fallbacks: Type.Integer(),
    error: Type.Optional(Type.String()),
  })),
  cache: Type.Record(Type.String(), Type.Unknown()),
});
export type Health = Static<typeof Health>;

/** Liveness: the process runs its event loop; never touches the database. */
export const Liveness = Type.Object({ status: Type.Literal('alive'), uptime_s: Type.Integer() });
export type Liveness = Static<typeof Liveness>;
