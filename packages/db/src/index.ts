export * from './connection.ts';
export * from './local-cluster.ts';
export * from './migrate.ts';
export * from './pool.ts';
export * from './provision.ts';
export * from './postgres-binaries.ts';
export { repoRoot } from './repo-root.ts';
export * from './unavailable.ts';
