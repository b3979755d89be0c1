import type { FastifyPluginAsync } from 'fastify';
import attributeTable from './attribute-table.ts';
import audit from './audit.ts';
import auth from './auth.ts';
import catalog from './catalog.ts';
import dashboard from './dashboard.ts';
import documents from './documents.ts';
import geometry from './geometry.ts';
import indicators from './indicators.ts';
import isochrone from './isochrone.ts';
import layers from './layers.ts';
import ogc from './ogc.ts';
import open311 from './open311.ts';
import participation from './participation.ts';
import participationReports from './participation-reports.ts';
import portal from './portal.ts';
import projects from './projects.ts';
import proposals from './proposals.ts';
import search from './search.ts';
import seguimiento from './seguimiento.ts';
import stats from './stats.ts';
import system from './system.ts';
import territory from './territory.ts';
import users from './users.ts';

/**
 * Every repository plugin, one per domain: the only place SQL lives on the server. Each decorates the app with
 * `<domain>Repository` and declares `db` as its dependency; routes call the repository, never the pool.
 * Read-only repositories that can bear a replica's lag (ogc, search, stats, indicators, territory, isochrone) bind
 * `app.dbRead` (DATABASE_READ_URL, else the primary). Adding a domain is one file here and one line below.
 */
export const repositories: FastifyPluginAsync[] = [
  attributeTable, audit, auth, catalog, dashboard, documents, geometry, indicators, isochrone, layers, ogc, open311, participation, participationReports, portal,
  projects, proposals, search, seguimiento, stats, system, territory, users,
];
