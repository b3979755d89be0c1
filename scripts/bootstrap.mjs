#!/usr/bin/env node
// Entry point of `npm start`, `npm test` and `npm run bench`. Plain JavaScript with no dependencies, because it
// runs before anything is installed: it installs what is missing (npm packages, Debian packages), then hands over
// to the TypeScript script of the same name.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...args] = process.argv.slice(2);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`SIG Municipal necesita Node.js ≥ 20.19 (tiene ${process.versions.node}).`);
  process.exit(1);
}

function say(msg) {
  console.log(`\x1b[36m▸\x1b[0m ${msg}`);
}

function npmInstallIfNeeded() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
  if (!stale) return;
  say('Instalando dependencias de npm…');
  const r = spawnSync('npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function pgVersions() {
  const lib = '/usr/lib/postgresql';
  return existsSync(lib) ? readdirSync(lib).filter((v) => /^\d+$/.test(v)).map(Number).sort((a, b) => b - a) : [];
}

/** Debian packages this command needs and does not have yet. */
function missingDebianPackages(cmd) {
  const out = [];
  if (!process.env.DATABASE_URL) {
    const v = pgVersions()[0];
    if (!v) out.push('postgresql', 'postgresql-contrib');
    const ver = v ?? null;
    const ext = ver ? `/usr/share/postgresql/${ver}/extension` : null;
    if (!ext || !existsSync(join(ext, 'postgis.control'))) out.push(ver ? `postgresql-${ver}-postgis-3` : 'POSTGIS');
    if (!ext || !existsSync(join(ext, 'pgrouting.control'))) out.push(ver ? `postgresql-${ver}-pgrouting` : 'PGROUTING');
  }
  if (!has('ogr2ogr')) out.push('gdal-bin');
  // GDAL older than 3.7 has no `ogrinfo -json`: the importer reads the same JSON through GDAL's Python bindings.
  if (spawnSync('/usr/bin/python3', ['-c', 'from osgeo import ogr'], { stdio: 'ignore' }).status !== 0) out.push('python3-gdal');
  // Chromium renders the PDF fichas and atlases on the server (npm start) and runs the browser suites (npm test);
  // pdfunite (poppler-utils) joins an atlas's pages into one PDF.
  if (!existsSync('/usr/bin/chromium')) out.push('chromium', 'fonts-dejavu-core');
  if ((cmd === 'start' || cmd === 'atlas') && !has('pdfunite')) out.push('poppler-utils');
  if (cmd === 'test' || cmd === 'bench') {
    // Tools the suites read our outputs with, so that no result is judged by our own code: PDF text and pages,
    // QR decoding, image metadata, and a spreadsheet writer other than ours (Debian's python3, not whatever python3 is first on PATH).
    if (!has('pdftotext')) out.push('poppler-utils');
    // Info-ZIP's zip/zipnote/zipinfo: the import suites make their archives (ZIP64, a zip bomb) with it.
    if (!has('zip')) out.push('zip');
    if (!has('zbarimg')) out.push('zbar-tools');
    if (!has('exiftool')) out.push('libimage-exiftool-perl');
    if (spawnSync('/usr/bin/python3', ['-c', 'import openpyxl'], { stdio: 'ignore' }).status !== 0) out.push('python3-openpyxl');
  }
  // QGIS (large: hundreds of MB) only for the bench, which checks our published style with QGIS's own converter.
  if (cmd === 'bench' && spawnSync('/usr/bin/python3', ['-c', 'import qgis.core'], { stdio: 'ignore', env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } }).status !== 0) out.push('python3-qgis');
  // The bench's peers (issue 16): MapServer 8's mapserv (FastCGI), nginx in front of it, spawn-fcgi for the 8
  // workers. They run from bench/tmp/peers with their own configuration; the product never uses them.
  if (cmd === 'bench') {
    if (!existsSync('/usr/bin/mapserv')) out.push('mapserver-bin');
    if (!existsSync('/usr/sbin/nginx')) out.push('nginx');
    if (!existsSync('/usr/bin/spawn-fcgi')) out.push('spawn-fcgi');
  }
  return out;
}

function aptInstall(pkgs) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Debian's nginx package starts a daemon on port 80 when installed; the bench runs its own, so daemons are kept
  // from starting during the install (the policy-rc.d convention), unless the machine already has a policy.
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = pkgs.includes('nginx') && !existsSync(policy);
  if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
  } finally {
    if (ownPolicy) rmSync(policy, { force: true });
  }
}

function debianPackagesIfNeeded(cmd) {
  let missing = missingDebianPackages(cmd);
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  const debian = existsSync('/etc/debian_version') && has('apt-get');
  const named = missing.map((p) => (p === 'POSTGIS' ? 'postgresql-<versión>-postgis-3' : p === 'PGROUTING' ? 'postgresql-<versión>-pgrouting' : p));
  if (!isRoot || !debian) {
    console.error(
      `Faltan paquetes del sistema: ${named.join(' ')}\n` +
        `Instálelos con: sudo apt-get install ${named.join(' ')}\n` +
        'o use un servidor PostGIS propio con DATABASE_URL, o "docker compose up".',
    );
    process.exit(1);
  }
  say(`Instalando paquetes de Debian: ${named.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  // PostgreSQL first: the PostGIS package name depends on the major version it brings.
  const base = missing.filter((p) => !['POSTGIS', 'PGROUTING'].includes(p));
  if (base.length) aptInstall(base);
  missing = missingDebianPackages(cmd);
  if (missing.length) aptInstall(missing);
}

/** Exact version of the bench's PMTiles peer, kept in its own folder: never a dependency of the product or the tests. */
const TILESERVER = { name: 'tileserver-gl-light', version: '5.6.0', dir: join(root, 'bench', 'tmp', 'tileserver') };

/**
 * tileserver-gl-light, the PMTiles peer of the full bench (issue 16), installed into bench/tmp/tileserver. Its
 * sqlite3 dependency has no prebuilt binary this machine can download, so npm builds it with node-gyp against
 * Node's headers (7–20 minutes on two cores, once). Not for --quick (npm test) or runs without the pmtiles suite.
 */
function tileserverIfNeeded(cmd, argv) {
  if (cmd !== 'bench' || argv.includes('--quick') || argv.includes('--report-only') || argv.includes('--prepare')) return;
  const i = argv.indexOf('--only');
  const only = i >= 0 ? argv[i + 1] ?? '' : argv.find((a) => a.startsWith('--only='))?.slice(7);
  if (only !== undefined && !only.split(',').includes('pmtiles')) return;
  if (existsSync(join(TILESERVER.dir, 'node_modules', TILESERVER.name, 'package.json'))) return;
  say(`Instalando ${TILESERVER.name}@${TILESERVER.version} en bench/tmp/tileserver (compila sqlite3 con node-gyp: varios minutos)…`);
  execFileSync('mkdir', ['-p', TILESERVER.dir]);
  writeFileSync(join(TILESERVER.dir, 'package.json'), JSON.stringify({ name: 'bench-tileserver', private: true }) + '\n');
  const r = spawnSync('npm', ['install', `${TILESERVER.name}@${TILESERVER.version}`, '--no-audit', '--no-fund', '--no-save'], { cwd: TILESERVER.dir, stdio: 'inherit' });
  // Without it the bench still runs: its row says n/d with the reason.
  if (r.status !== 0) console.error(`${TILESERVER.name} no se pudo instalar (código ${r.status}); la fila PMTiles ÷ tileserver-gl-light quedará n/d.`);
}

npmInstallIfNeeded();
debianPackagesIfNeeded(command);
tileserverIfNeeded(command, args);

const scripts = { start: 'scripts/start.ts', test: 'scripts/test.ts', bench: 'bench/run.ts', atlas: 'scripts/atlas.ts' };
const script = scripts[command];
if (!script) {
  console.error(`Uso: node scripts/bootstrap.mjs ${Object.keys(scripts).join('|')}`);
  process.exit(2);
}
const child = spawn(process.execPath, ['--import', 'tsx', join(root, script), ...args], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
