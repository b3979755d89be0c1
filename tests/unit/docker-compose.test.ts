// No Docker engine runs on CI, so the deployment files are checked by reading them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '@sigmun/db';

const root = repoRoot();
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'));
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

describe('docker-compose.yml', () => {
  it('pins a PostGIS image with a volume and a health check', () => {
    const db = compose.services.db;
    expect(db.image).toMatch(/^postgis\/postgis:\d+-3\.\d+$/);
    const [volume, mountPoint] = String(db.volumes[0]).split(':');
    expect(compose.volumes).toHaveProperty(volume);
    expect(mountPoint).toBe('/var/lib/postgresql/data');
    expect(db.healthcheck.test.join(' ')).toContain('pg_isready');
  });

  it('builds the app from the Dockerfile and wires it to the database by DATABASE_URL', () => {
    const app = compose.services.app;
    expect(app.build).toBe('.');
    expect(app.depends_on.db.condition).toBe('service_healthy');
    const url = new URL(app.environment.DATABASE_URL.replace(/\$\{[^}]+\}/g, 'x'));
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe('db');
    expect(url.pathname.slice(1)).toBe(compose.services.db.environment.POSTGRES_DB);
    expect(url.username).toBe(compose.services.db.environment.POSTGRES_USER);
    expect(app.expose).toContain(app.environment.PORT);
    expect(app.environment.TRUST_PROXY).toBe('1');
  });

  it('puts an nginx cache in front of the app, publishing the port, with the tile cache of the architecture notes', () => {
    const cache = compose.services.cache;
    expect(cache.image).toMatch(/^nginx:\d+\.\d+/);
    expect(cache.depends_on.app.condition).toBe('service_healthy');
    expect(cache.ports).toContain('8080:8080');
    const [conf, target] = String(cache.volumes[0]).split(':');
    expect(target).toBe('/etc/nginx/conf.d/default.conf');
    const nginx = readFileSync(join(root, conf), 'utf8');
    expect(nginx).toContain(`server app:${compose.services.app.environment.PORT}`);
    expect(nginx).toMatch(/location \/tiles\/ \{[^}]*proxy_cache tiles;[^}]*proxy_cache_revalidate on;/);
    // nginx's default body limit (1 MB) would refuse imports the app accepts.
    expect(nginx).toMatch(/client_max_body_size 512m;/);
    expect(nginx).toContain('X-Forwarded-For $proxy_add_x_forwarded_for');
  });

  it('has a Dockerfile on Node 20 that runs the same start script as npm start', () => {
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toContain('gdal-bin');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toContain('scripts/bootstrap.mjs start');
    expect(dockerfile).toContain('scripts/bootstrap.mjs", "start"');
    // Every workspace manifest is copied before npm ci, or the install would miss a workspace.
    for (const ws of ['apps/server', 'apps/web', 'packages/domain', 'packages/db', 'packages/tiles', 'packages/styles', 'packages/ingest']) {
      expect(dockerfile).toContain(`COPY ${ws}/package.json ${ws}/`);
    }
  });
});
