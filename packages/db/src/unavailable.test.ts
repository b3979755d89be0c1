import { expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.ts';

it('tells an unreachable database from a wrong query', () => {
  const err = (props: Record<string, unknown>) => Object.assign(new Error(String(props.message ?? 'x')), props);
  for (const e of [
    err({ code: 'ECONNREFUSED' }), err({ code: 'EMFILE' }), err({ code: '57P01' }), err({ code: '53300' }), err({ code: '08006' }),
    err({ message: 'Connection terminated unexpectedly' }), err({ message: 'timeout exceeded when trying to connect' }),
    Object.assign(new AggregateError([err({ code: 'ECONNREFUSED' }), err({ code: 'ECONNREFUSED' })]), {}),
  ]) expect(isDatabaseUnavailable(e), String((e as { code?: string }).code ?? e.message)).toBe(true);
  for (const e of [err({ code: '22003' }), err({ code: '42P01' }), err({ code: '57014' }), new Error('boom'), null, 'text']) {
    expect(isDatabaseUnavailable(e)).toBe(false);
  }
});
