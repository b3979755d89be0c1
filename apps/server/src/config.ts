import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { repoRoot } from '@sigmun/db';
import { limitsFromEnv, type ImportLimits } from '@sigmun/ingest/import/limits';
import { DOWNLOAD_DEFAULT_MAX_FEATURES } from '@sigmun/domain/downloads';

/** Server settings, parsed and validated once at start-up from the environment. */
export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string;
  /**
   * A streaming replica of that database for reads (DATABASE_READ_URL): tiles, OGC API items, search and
   * statistics go there, everything that writes (and reads inside a write) stays on the primary. Null: all on one.
   */
  databaseReadUrl: string | null;
  /** Byte budget of the in-memory tile cache (0 disables it). */
  tileCacheBytes: number;
  /** statement_timeout for one tile query. */
  tileTimeoutMs: number;
  /** ADMIN_TOKEN of older versions: no longer grants anything (accounts and roles do); kept only to warn at start-up. */
  adminToken: string | null;
  webDist: string;
  tilesDir: string;
  /** Folder holding the plan's documents, served at /documentos/{file}. */
  documentsDir: string;
  /** Folder of uploaded photos (progress reports, citizen reports); back it up with the database. */
  mediaDir: string;
  logLevel: string;
  poolSize: number;
  /** Sessions end after this many minutes without a request (SESSION_IDLE_MINUTES). */
  sessionIdleMinutes: number;
  /** Sessions end this many hours after sign-in, however active (SESSION_MAX_HOURS). */
  sessionMaxHours: number;
  /** Failed sign-ins per account, and per IP, within loginWindowMinutes before 429 (LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_IP). */
  loginMaxFailures: number;
  loginMaxFailuresIp: number;
  loginWindowMinutes: number;
  /** Behind a reverse proxy: trust X-Forwarded-For/-Proto (TRUST_PROXY=true, a hop count or addresses). */
  trustProxy: boolean | number | string;
  /** Other origins whose cookie-authenticated writes are accepted (TRUSTED_ORIGINS, e.g. the Vite dev server). */
  trustedOrigins: string[];
  /** How long a request waits for a database connection before it answers 503 (PG_CONNECT_TIMEOUT_MS). */
  dbConnectTimeoutMs: number;
  /** Seconds a 503 (database unreachable) tells clients to wait in Retry-After (RETRY_AFTER_S). */
  retryAfterSeconds: number;
  /** Socket limits against connection exhaustion (see docs/ARCHITECTURE.md "Limits and timeouts"). */
  http: {
    /** Idle socket timeout (CONNECTION_TIMEOUT_MS): a socket silent this long is closed. */
    connectionTimeoutMs: number;
    /** Keep-alive idle time between requests (KEEP_ALIVE_TIMEOUT_MS). */
    keepAliveTimeoutMs: number;
    /** Whole-request deadline, body included (REQUEST_TIMEOUT_MS); imports of large files need minutes. */
    requestTimeoutMs: number;
    /** Deadline for the request headers (HEADERS_TIMEOUT_MS): slowloris clients are cut here. */
    headersTimeoutMs: number;
    /** Open sockets in all (MAX_CONNECTIONS); more are refused at once instead of exhausting descriptors. */
    maxConnections: number;
    /** Open sockets per client address (MAX_CONNECTIONS_PER_CLIENT). */
    maxConnectionsPerClient: number;
  };
  /**
   * The URL clients reach this server at (PUBLIC_URL, e.g. https://mapas.implan.gob.mx): every link written into
   * styles, TileJSON and OGC API documents starts with it. Null: links follow the request's Host, if well formed
   * and (when allowedHosts is set) listed.
   */
  publicUrl: string | null;
  /** Host names (with port when not the default) accepted to build links from when publicUrl is not set (ALLOWED_HOSTS). */
  allowedHosts: string[] | null;
  /** Rebuild tiles/basemap.pmtiles after an API import (the running server does; test apps leave the archive alone). */
  rebuildBasemapAfterImport: boolean;
  /** Chromium pages rendering fichas at once (more requests wait their turn). */
  fichaPages: number;
  /** Longest a ficha may take to render before the request answers 503. */
  fichaTimeoutMs: number;
  /** Folder where finished atlases are cached, keyed by the data's version. */
  atlasDir: string;
  /**
   * CPU priority (nice, 0–19) of the atlas's Chromium (ATLAS_NICE): 10 leaves it about a tenth of a core that the
   * map's requests also want, and all the CPU they do not.
   */
  atlasNice: number;
  /** Longest one atlas ficha may take (ATLAS_FICHA_TIMEOUT_MS): at low priority on a busy machine it waits its turn. */
  atlasFichaTimeoutMs: number;
  /** Quiet spell (no request from anyone else) the server must have before each atlas ficha (ATLAS_QUIET_MS). */
  atlasQuietMs: number;
  /** Longest an atlas ficha waits for that spell before it renders anyway (ATLAS_MAX_WAIT_MS). */
  atlasMaxWaitMs: number;
  /** Bounds of one import (IMPORT_MAX_*; docs/IMPORT.md). */
  importLimits: ImportLimits;
  /** Where uploads and extracted zips live while an import runs (IMPORT_TMP_DIR, default the OS temp dir). */
  importTmpDir: string;
  /** Most features in one file download (DOWNLOAD_MAX_FEATURES; docs/DOWNLOADS.md). */
  downloadMaxFeatures: number;
  /** Where downloads are converted by ogr2ogr before they are sent (DOWNLOAD_TMP_DIR, default the OS temp dir). */
  downloadTmpDir: string;
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

/** TRUST_PROXY: unset/false (direct), true (any proxy), a hop count, or a comma-separated list of proxy addresses. */
function trustProxyFrom(raw: string | undefined): boolean | number | string {
  const v = raw?.trim() ?? '';
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  if (/^[0-9a-fA-F.:/,\s]+$/.test(v)) return v;
  throw new ConfigError(`TRUST_PROXY debe ser true, false, un número de saltos o direcciones separadas por comas (se recibió "${v}")`);
}

/** TRUSTED_ORIGINS: comma-separated origins (scheme://host[:port]). */
function originsFrom(raw: string | undefined): string[] {
  const out: string[] = [];
  for (const v of (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    let origin: string;
    try {
      origin = new URL(v).origin;
    } catch {
      origin = 'null';
    }
    if (origin === 'null') throw new ConfigError(`TRUSTED_ORIGINS: "${v}" no es un origen (esquema://servidor[:puerto])`);
    out.push(origin);
  }
  return out;
}

/** PUBLIC_URL as an absolute http(s) URL without query, fragment or credentials, and without a trailing slash. */
function publicUrlFrom(env: NodeJS.ProcessEnv): string | null {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_URL debe ser una URL absoluta, p. ej. https://mapas.implan.gob.mx (se recibió "${raw}")`);
  }
  if (!['http:', 'https:'].includes(u.protocol) || u.search || u.hash || u.username || u.password) {
    throw new ConfigError(`PUBLIC_URL debe ser http(s), sin usuario, consulta ni fragmento (se recibió "${raw}")`);
  }
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** Well-formed Host values: host names, IPv4/IPv6 literals and an optional port. */
export const HOST_PATTERN = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function allowedHostsFrom(env: NodeJS.ProcessEnv): string[] | null {
  const list = (env.ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  const bad = list.find((h) => !HOST_PATTERN.test(h));
  if (bad) throw new ConfigError(`ALLOWED_HOSTS: "${bad}" no es un nombre de host válido (host o host:puerto, separados por comas)`);
  return list.length ? list : null;
}

/** Reads the configuration; a bad value stops the server with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const root = repoRoot();
  const known = new Set(['error', 'warn', 'info', 'debug', 'trace', 'fatal', 'silent']);
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!known.has(logLevel)) throw new ConfigError(`LOG_LEVEL debe ser uno de ${[...known].join(', ')} (se recibió "${logLevel}")`);
  const databaseUrl = overrides.databaseUrl ?? env.DATABASE_URL ?? '';
  if (!databaseUrl) throw new ConfigError('Falta la URL de la base de datos (DATABASE_URL o el clúster local)');
  let importLimits: ImportLimits;
  try {
    importLimits = limitsFromEnv(env);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  return {
    port: intFrom(env, 'PORT', 8080, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    databaseReadUrl: env.DATABASE_READ_URL?.trim() || null,
    tileCacheBytes: intFrom(env, 'TILE_CACHE_MB', 256, 0, 65536) * 1024 * 1024,
    tileTimeoutMs: intFrom(env, 'TILE_TIMEOUT_MS', 15000, 100, 600000),
    adminToken: env.ADMIN_TOKEN?.trim() || null,
    webDist: env.WEB_DIST ?? join(root, 'apps', 'web', 'dist'),
    tilesDir: env.TILES_DIR ?? join(root, 'tiles'),
    documentsDir: env.DOCUMENTS_DIR ?? join(root, 'data', 'documentos'),
    mediaDir: env.MEDIA_DIR ?? join(root, 'data', 'media'),
    logLevel,
    poolSize: intFrom(env, 'PG_POOL_SIZE', 16, 1, 200),
    sessionIdleMinutes: intFrom(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionMaxHours: intFrom(env, 'SESSION_MAX_HOURS', 12, 1, 24 * 30),
    loginMaxFailures: intFrom(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
    loginMaxFailuresIp: intFrom(env, 'LOGIN_MAX_FAILURES_IP', 30, 1, 100000),
    loginWindowMinutes: intFrom(env, 'LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60),
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    trustedOrigins: originsFrom(env.TRUSTED_ORIGINS),
    dbConnectTimeoutMs: intFrom(env, 'PG_CONNECT_TIMEOUT_MS', 5000, 100, 600000),
    retryAfterSeconds: intFrom(env, 'RETRY_AFTER_S', 5, 1, 3600),
    http: {
      connectionTimeoutMs: intFrom(env, 'CONNECTION_TIMEOUT_MS', 60_000, 1000, 3_600_000),
      keepAliveTimeoutMs: intFrom(env, 'KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
      requestTimeoutMs: intFrom(env, 'REQUEST_TIMEOUT_MS', 600_000, 1000, 3_600_000),
      headersTimeoutMs: intFrom(env, 'HEADERS_TIMEOUT_MS', 15_000, 1000, 600_000),
      maxConnections: intFrom(env, 'MAX_CONNECTIONS', 2000, 1, 1_000_000),
      maxConnectionsPerClient: intFrom(env, 'MAX_CONNECTIONS_PER_CLIENT', 128, 1, 1_000_000),
    },
    publicUrl: publicUrlFrom(env),
    allowedHosts: allowedHostsFrom(env),
    rebuildBasemapAfterImport: false,
    fichaPages: intFrom(env, 'FICHA_PAGES', 2, 1, 16),
    fichaTimeoutMs: intFrom(env, 'FICHA_TIMEOUT_MS', 30000, 1000, 600000),
    atlasNice: intFrom(env, 'ATLAS_NICE', 10, 0, 19),
    atlasFichaTimeoutMs: intFrom(env, 'ATLAS_FICHA_TIMEOUT_MS', 600000, 1000, 3600000),
    atlasQuietMs: intFrom(env, 'ATLAS_QUIET_MS', 500, 0, 60000),
    atlasMaxWaitMs: intFrom(env, 'ATLAS_MAX_WAIT_MS', 30000, 0, 600000),
    atlasDir: env.ATLAS_DIR ?? join(root, '.data', 'atlas'),
    importLimits,
    importTmpDir: env.IMPORT_TMP_DIR || tmpdir(),
    downloadMaxFeatures: intFrom(env, 'DOWNLOAD_MAX_FEATURES', DOWNLOAD_DEFAULT_MAX_FEATURES, 1, 10_000_000),
    downloadTmpDir: env.DOWNLOAD_TMP_DIR || tmpdir(),
    ...overrides,
  };
}
