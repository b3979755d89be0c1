// Each enumeration is written once, in packages/domain; the database's CHECK constraints (which SQL cannot import)
// must allow exactly the same values, so a status added on one side and not the other fails here.
import { describe, expect, it } from 'vitest';
import { INDICATOR_LEVELS } from '@sigmun/domain/indicators';
import { LAYERS } from '@sigmun/domain/layers';
import { PROPOSAL_STATUSES } from '@sigmun/domain/participation';
import { PROJECT_STATUSES } from '@sigmun/domain/projects';
import { useTestApp } from '../support/test-app.ts';

const t = useTestApp('enumerations');

/** The values a column's CHECK (col IN (…)) constraints allow, read from pg_constraint. */
async function allowed(table: string, column: string): Promise<string[]> {
  const { rows } = await t.db.pool.query<{ def: string }>(
    `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
     WHERE c.conrelid = $1::regclass AND c.contype = 'c' AND pg_get_constraintdef(c.oid) ~ ('\\m' || $2 || '\\M')`,
    [table, column],
  );
  const lists = rows.map((r) => r.def).filter((d) => /ANY|IN \(/.test(d));
  expect(lists, `${table}.${column} has a CHECK with a value list`).toHaveLength(1);
  return [...lists[0].matchAll(/'([^']+)'::text/g)].map((m) => m[1]);
}

describe('the CHECK constraints allow exactly the domain enumerations', () => {
  it('project statuses (plan.projects.estatus)', async () => {
    expect((await allowed('plan.projects', 'estatus')).sort()).toEqual([...PROJECT_STATUSES].sort());
  });
  it('proposal statuses (partic.proposals.estatus)', async () => {
    expect((await allowed('partic.proposals', 'estatus')).sort()).toEqual([...PROPOSAL_STATUSES].sort());
  });
  it('indicator levels (stats.indicator_values.nivel)', async () => {
    expect((await allowed('stats.indicator_values', 'nivel')).sort()).toEqual([...INDICATOR_LEVELS].sort());
  });
});

it('the layer catalog styles exactly the domain statuses, in their order', () => {
  const values = (layer: string) => LAYERS.find((l) => l.id === layer)!.properties.find((p) => p.name === 'estatus')!.values!.map((v) => v.value);
  expect(values('proyectos')).toEqual([...PROJECT_STATUSES]);
  expect(values('propuestas')).toEqual([...PROPOSAL_STATUSES]);
});
