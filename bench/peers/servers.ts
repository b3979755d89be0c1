// The peers of `npm run bench -- --only peers`: MapServer 8 (Debian's mapserv, 8 FastCGI workers started by
// spawn-fcgi) and nginx (Debian's), run from the bench's scratch folder with their own configuration, sockets, logs
// and cache, on 127.0.0.1 only. scripts/bootstrap.mjs installs the packages in bench mode; nothing here is a
// dependency of the product.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@sigmun/db';
import { featuresMapfile, tilesMapfile } from './mapfile.ts';

export const MAPSERV = '/usr/bin/mapserv';
export const NGINX = '/usr/sbin/nginx';
export const SPAWN_FCGI = '/usr/bin/spawn-fcgi';

/** Why the peers cannot run here, or null. */
export function peersMissing(): string | null {
  const missing = [MAPSERV, NGINX, SPAWN_FCGI].filter((p) => !existsSync(p));
  return missing.length ? `not installed: ${missing.join(', ')} (npm run bench installs mapserver-bin, nginx, spawn-fcgi)` : null;
}

/** Versions of the peers, for the report. */
export function peerVersions(): { mapserver: string; nginx: string } {
  const ms = spawnSync(MAPSERV, ['-v'], { encoding: 'utf8' }).stdout.split(' OUTPUT')[0].trim();
  const ng = spawnSync(NGINX, ['-v'], { encoding: 'utf8' }).stderr.trim().replace(/^nginx version: /, '');
  return { mapserver: ms, nginx: ng };
}

export interface Peers {
  /** nginx: /ms/?map=tiles… (MapServer tiles), /ms/ogc/ogcapi/… (OGC API Features), /static/ (files under dir/static), /cached/ (proxy cache of ours). */
  base: string;
  dir: string;
  workers: number;
  stop: () => Promise<void>;
  /** Last lines of nginx's and MapServer's error logs. */
  errors: () => string;
}

/**
 * The cache directives of the production layout's `location /tiles/` (deploy/nginx/default.conf), so that the bench
 * measures the very configuration docker-compose deploys: one source, not a copy.
 */
export function productionTileCache(): string {
  const conf = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'deploy', 'nginx', 'default.conf'), 'utf8');
  const block = /location \/tiles\/ \{([^}]*)\}/.exec(conf)?.[1];
  if (!block) throw new Error('deploy/nginx/default.conf has no "location /tiles/ { … }" block');
  return block.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#') && !l.startsWith('proxy_pass')).map((l) => `      ${l}`).join('\n');
}

function nginxConf(dir: string, port: number, sock: string, app: string | null): string {
  return `worker_processes 2;
user root;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/ngx-body;
  fastcgi_temp_path ${dir}/ngx-fastcgi;
  proxy_temp_path ${dir}/ngx-proxy;
  uwsgi_temp_path ${dir}/ngx-uwsgi;
  scgi_temp_path ${dir}/ngx-scgi;
  types { application/vnd.mapbox-vector-tile mvt; application/json json; }
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  keepalive_timeout 120s;
  open_file_cache max=20000 inactive=120s;
  open_file_cache_valid 120s;
  proxy_cache_path ${dir}/ngx-cache levels=1:2 keys_zone=tiles:32m max_size=2g inactive=1h use_temp_path=off;
  ${app ? `upstream app { server ${app}; keepalive 64; }` : ''}
  server {
    listen 127.0.0.1:${port} reuseport backlog=4096;
    location /static/ { alias ${dir}/static/; etag on; }
    location ~ ^/ms(/.*)?$ {
      fastcgi_pass unix:${sock};
      fastcgi_param QUERY_STRING $query_string;
      fastcgi_param REQUEST_METHOD $request_method;
      fastcgi_param CONTENT_TYPE $content_type;
      fastcgi_param CONTENT_LENGTH $content_length;
      fastcgi_param SCRIPT_NAME /ms;
      fastcgi_param PATH_INFO $1;
      fastcgi_param REQUEST_URI $request_uri;
      fastcgi_param SERVER_PROTOCOL $server_protocol;
      fastcgi_param SERVER_NAME 127.0.0.1;
      fastcgi_param SERVER_PORT ${port};
      fastcgi_param HTTP_HOST $http_host;
      fastcgi_buffers 64 16k;
    }
    ${
      app
        ? `# The documented production cache (docs/ARCHITECTURE.md): shared cache honouring the app's Cache-Control
    # (s-maxage), revalidating with If-None-Match when stale, one upstream request per missing tile.
    location /cached/ {
      proxy_pass http://app/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
${productionTileCache()}
    }`
        : ''
    }
  }
}
`;
}

function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = async () => {
      if (await check().catch(() => false)) return resolve();
      if (Date.now() > end) return reject(new Error(`${what} did not come up in ${timeoutMs / 1000} s`));
      setTimeout(tick, 100);
    };
    void tick();
  });
}

/**
 * Writes the mapfiles and configurations under `dir`, starts `workers` mapserv FastCGI processes and nginx in
 * front of them (and of `app`, host:port of our server, under /cached/), and waits until both answer.
 */
export async function startPeers(opts: { dir: string; databaseUrl: string; tileset: string; workers: number; app?: string }): Promise<Peers> {
  const { dir } = opts;
  rmSync(join(dir, 'ngx-cache'), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const sock = join(dir, 'mapserv.sock');
  rmSync(sock, { force: true });
  writeFileSync(join(dir, 'tiles.map'), tilesMapfile({ databaseUrl: opts.databaseUrl, tileset: opts.tileset, minZoom: 0, maxZoom: 22 }));
  writeFileSync(join(dir, 'ogc.map'), featuresMapfile({ databaseUrl: opts.databaseUrl, tileset: opts.tileset, onlineResource: `${base}/ms/ogc`, maxLimit: 10_000 }));
  writeFileSync(
    join(dir, 'mapserver.conf'),
    `CONFIG\n  ENV\n    MS_ERRORFILE "${dir}/mapserver-error.log"\n  END\n  MAPS\n    tiles "${dir}/tiles.map"\n    ogc "${dir}/ogc.map"\n  END\nEND\n`,
  );
  rmSync(join(dir, 'static'), { recursive: true, force: true });
  mkdirSync(join(dir, 'static'));
  const pidFile = join(dir, 'mapserv.pids');
  rmSync(pidFile, { force: true });
  const env = { ...process.env, MAPSERVER_CONFIG_FILE: join(dir, 'mapserver.conf') };
  const sp = spawnSync(SPAWN_FCGI, ['-s', sock, '-F', String(opts.workers), '-P', pidFile, '-d', dir, '--', MAPSERV], { env, encoding: 'utf8' });
  if (sp.status !== 0) throw new Error(`spawn-fcgi failed: ${sp.stderr || sp.stdout}`);
  const pids = () => (existsSync(pidFile) ? readFileSync(pidFile, 'utf8').split(/\s+/).filter(Boolean).map(Number) : []);
  writeFileSync(join(dir, 'nginx.conf'), nginxConf(dir, port, sock, opts.app ?? null));
  const nginx: ChildProcess = spawn(NGINX, ['-c', join(dir, 'nginx.conf'), '-p', dir, '-e', join(dir, 'nginx-error.log')], { stdio: 'ignore' });
  const stop = async () => {
    for (const pid of pids()) {
      try {
        // mapserv's FastCGI loop does not end on SIGTERM while it waits in accept(); it keeps no state worth saving.
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (nginx.exitCode === null) {
      await new Promise<void>((res) => {
        nginx.once('exit', () => res());
        nginx.kill('SIGQUIT');
        setTimeout(() => nginx.kill('SIGKILL'), 5_000).unref();
      });
    }
  };
  const tail = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8').trim().split('\n').slice(-3).join(' | ') : '');
  const errors = () => [tail('nginx-error.log'), tail('mapserver-error.log')].filter(Boolean).join(' || ');
  try {
    await waitFor(async () => (await fetch(`${base}/ms/ogc/ogcapi?f=json`)).ok, 'nginx + mapserv');
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}: ${errors()}`);
  }
  return { base, dir, workers: opts.workers, stop, errors };
}

/** MapServer's path for tile z/x/y of a catalog layer or of the whole tileset ("all"). */
export function mapserverTilePath(layers: string, z: number, x: number, y: number): string {
  return `/ms/?map=tiles&mode=tile&tilemode=gmap&tile=${x}+${y}+${z}&layers=${layers}&map.imagetype=mvt`;
}
