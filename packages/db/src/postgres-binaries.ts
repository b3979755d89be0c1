import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface PostgresBinaries {
  version: number;
  bin: string;
  hasPostgis: boolean;
  hasPgrouting: boolean;
}

const PG_LIB = '/usr/lib/postgresql';

/** Finds Debian's PostgreSQL installations, newest first, with which extensions each one can load. */
export function findPostgresInstallations(): PostgresBinaries[] {
  if (!existsSync(PG_LIB)) return [];
  return readdirSync(PG_LIB)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(PG_LIB, v, 'bin', 'initdb')))
    .map((v) => {
      const ext = `/usr/share/postgresql/${v}/extension`;
      return {
        version: Number(v),
        bin: join(PG_LIB, v, 'bin'),
        hasPostgis: existsSync(join(ext, 'postgis.control')),
        hasPgrouting: existsSync(join(ext, 'pgrouting.control')),
      };
    })
    .sort((a, b) => b.version - a.version);
}

function isDebianLike(): boolean {
  return existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
}

function aptInstall(packages: string[], log: (m: string) => void): void {
  log(`Instalando paquetes de Debian: ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
}

/** Which Debian package names we would need for a given PostgreSQL major version. */
export function debianPackagesFor(version: number | null): string[] {
  const v = version ?? 15;
  return [`postgresql-${v}`, `postgresql-${v}-postgis-3`, `postgresql-${v}-pgrouting`, 'postgresql-contrib', 'gdal-bin'];
}

/**
 * Returns a PostgreSQL installation with PostGIS, installing Debian's packages with apt when they are
 * missing and we run as root; otherwise throws a message that says exactly what to install.
 */
export function ensurePostgresBinaries(log: (m: string) => void = console.log): PostgresBinaries {
  let found = findPostgresInstallations().find((p) => p.hasPostgis);
  if (found && (found.hasPgrouting || !isDebianLike() || process.getuid?.() !== 0)) return found;
  const isRoot = process.getuid?.() === 0;
  if (!isDebianLike() || !isRoot) {
    if (found) return found;
    const pkgs = debianPackagesFor(findPostgresInstallations()[0]?.version ?? null).join(' ');
    throw new Error(
      `Faltan PostgreSQL y PostGIS. Instálelos con: sudo apt-get install ${pkgs}\n` +
        'o defina DATABASE_URL hacia un servidor PostGIS ≥ 3.1, o use "docker compose up".',
    );
  }
  const existing = findPostgresInstallations()[0]?.version ?? null;
  try {
    aptInstall(debianPackagesFor(existing), log);
  } catch {
    // A Debian release may not carry our guessed major version: fall back to the distribution's default one.
    aptInstall(['postgresql', 'postgresql-contrib', 'gdal-bin'], log);
    const v = findPostgresInstallations()[0]?.version;
    if (v) aptInstall([`postgresql-${v}-postgis-3`, `postgresql-${v}-pgrouting`], log);
  }
  found = findPostgresInstallations().find((p) => p.hasPostgis);
  if (!found) throw new Error('apt-get terminó pero PostGIS no quedó instalado; revise los mensajes de apt arriba.');
  return found;
}

/** Whether a command is on PATH. */
export function hasCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
