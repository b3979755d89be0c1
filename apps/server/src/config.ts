import { join } from 'node:path';
import { repoRoot } from '@sigmun/db';

/** Server settings, parsed and validated once at start-up from the environment. */
export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string;
  /** Byte budget of the in-memory tile cache (0 disables it). */
  tileCacheBytes: number;
  /** statement_timeout for one tile query. */
  tileTimeoutMs: number;
  /** Enables the import endpoint when set. */
  adminToken: string | null;
  webDist: string;
  tilesDir: string;
  /** Folder holding the plan's documents, served at /documentos/{file}. */
  documentsDir: string;
  /** Folder of uploaded photos (progress reports, citizen reports); back it up with the database. */
  mediaDir: string;
  logLevel: string;
  poolSize: number;
  /** Rebuild tiles/basemap.pmtiles after an API import (the running server does; test apps leave the archive alone). */
  rebuildBasemapAfterImport: boolean;
}

export class ConfigError extends Error {}

function intFrom(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} debe ser un entero entre ${min} y ${max} (se recibió "${raw}")`);
  }
  return n;
}

/** Reads the configuration; a bad value stops the server with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const root = repoRoot();
  const known = new Set(['error', 'warn', 'info', 'debug', 'trace', 'fatal', 'silent']);
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!known.has(logLevel)) throw new ConfigError(`LOG_LEVEL debe ser uno de ${[...known].join(', ')} (se recibió "${logLevel}")`);
  const databaseUrl = overrides.databaseUrl ?? env.DATABASE_URL ?? '';
  if (!databaseUrl) throw new ConfigError('Falta la URL de la base de datos (DATABASE_URL o el clúster local)');
  return {
    port: intFrom(env, 'PORT', 8080, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    tileCacheBytes: intFrom(env, 'TILE_CACHE_MB', 256, 0, 65536) * 1024 * 1024,
    tileTimeoutMs: intFrom(env, 'TILE_TIMEOUT_MS', 15000, 100, 600000),
    adminToken: env.ADMIN_TOKEN?.trim() || null,
    webDist: env.WEB_DIST ?? join(root, 'apps', 'web', 'dist'),
    tilesDir: env.TILES_DIR ?? join(root, 'tiles'),
    documentsDir: env.DOCUMENTS_DIR ?? join(root, 'data', 'documentos'),
    mediaDir: env.MEDIA_DIR ?? join(root, 'data', 'media'),
    logLevel,
    poolSize: intFrom(env, 'PG_POOL_SIZE', 16, 1, 200),
    rebuildBasemapAfterImport: false,
    ...overrides,
  };
}
