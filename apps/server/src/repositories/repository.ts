// The shape every repository plugin shares (fastify/demo): query functions written once against a connection,
// bound to the app's pool when the plugin decorates the instance, and re-bindable to a transaction's client.
import type pg from 'pg';

/** What most query functions need: the pool, or one client inside a transaction (app.writeTx). */
export type Queryable = Pick<pg.PoolClient, 'query'>;

type QueryFn<D> = (db: D, ...args: never[]) => unknown;
type Bound<D, T extends Record<string, QueryFn<D>>> = {
  [K in keyof T]: T[K] extends (db: D, ...args: infer A) => infer R ? (...args: A) => R : never;
};

/** A repository: its queries on the pool, and `on(client)` for the same queries inside a transaction. */
export type Repository<T extends Record<string, QueryFn<D>>, D = Queryable> = Bound<D, T> & {
  /** The same queries on another connection (a transaction's client), so a write and its reads share BEGIN…COMMIT. */
  on(db: D): Bound<D, T>;
};

function bind<D, T extends Record<string, QueryFn<D>>>(db: D, fns: T): Bound<D, T> {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(fns)) out[name] = (...args: never[]) => fn(db, ...args);
  return out as Bound<D, T>;
}

/** Binds query functions `(db, ...args)` to `db`; `on(other)` binds them to another connection. */
export function repository<D, T extends Record<string, QueryFn<D>>>(db: D, fns: T): Repository<T, D> {
  return Object.assign(bind(db, fns), { on: (other: D) => bind(other, fns) });
}
