import { cpus, totalmem, platform, release } from 'node:os';
import type pg from 'pg';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGB: number;
  os: string;
  node: string;
  postgres: string;
  postgis: string;
  pgrouting: string | null;
}

/** The machine and versions a run measured, so figures from different runs are never compared blindly. */
export async function describeMachine(client: pg.ClientBase): Promise<Machine> {
  const one = async (sql: string): Promise<string | null> => {
    try {
      const { rows } = await client.query<{ v: string }>(sql);
      return rows[0]?.v ?? null;
    } catch {
      return null;
    }
  };
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.versions.node,
    postgres: (await one("SELECT current_setting('server_version') AS v")) ?? 'unknown',
    postgis: (await one("SELECT extversion AS v FROM pg_extension WHERE extname = 'postgis'")) ?? 'unknown',
    pgrouting: await one("SELECT extversion AS v FROM pg_extension WHERE extname = 'pgrouting'"),
  };
}
