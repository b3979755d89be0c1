import { describe, expect, it } from 'vitest';
import { floatTextProblem, integerTextProblem, isCalendarDate, isIsoDateOrDateTime, jsonDepthExceeds, nulPath, numericLimit } from './pg-values.ts';

describe('what PostgreSQL accepts', () => {
  it('reads only decimal numbers, as float8in does', () => {
    for (const ok of ['1', '-1.5', '.5', '1e-300', '1E5', '+3']) expect(floatTextProblem(ok), ok).toBeNull();
    for (const bad of ['0b101', '0o7', '0x1F', '\uFEFF1', ' 1', 'Infinity', 'NaN', '1e309', '1e-400', '']) expect(floatTextProblem(bad), bad).not.toBeNull();
  });

  it('bounds integers inside int8 and exact in JavaScript', () => {
    expect(integerTextProblem('9007199254740991')).toBeNull();
    expect(integerTextProblem('1e3')).toBeNull();
    for (const bad of ['9223372036854775808', '1e19', '9007199254740992', '1.5', '0x10']) expect(integerTextProblem(bad), bad).not.toBeNull();
    expect(integerTextProblem('101', 0, 100)).not.toBeNull();
  });

  it('knows the calendar', () => {
    expect(isCalendarDate(2020, 2, 29)).toBe(true);
    expect(isCalendarDate(2021, 2, 29)).toBe(false);
    expect(isCalendarDate(1900, 2, 29)).toBe(false);
    expect(isCalendarDate(2000, 2, 29)).toBe(true);
    expect(isCalendarDate(2020, 4, 31)).toBe(false);
    expect(isCalendarDate(0, 1, 1)).toBe(false);
    expect(isIsoDateOrDateTime('2020-02-29T23:59:59Z')).toBe(true);
    expect(isIsoDateOrDateTime('2020-02-29T24:00:00Z')).toBe(false);
    expect(isIsoDateOrDateTime('2020-02-29T10:00:00Z', { dateOnly: true })).toBe(false);
  });

  it('measures JSON depth without recursion, ignoring brackets inside strings', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(jsonDepthExceeds(deep, 32)).toBe(true);
    expect(jsonDepthExceeds(JSON.stringify({ a: '[[[[[[', b: [[1, 2]] }), 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":"\\"[[[["}', 1)).toBe(false);
  });

  it('finds a NUL anywhere in a body, keys included', () => {
    expect(nulPath({ a: [{ b: 'x\u0000' }] })).toBe('a/0/b');
    expect(nulPath({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(nulPath({ a: ['ok'] })).toBeNull();
  });

  it('bounds numeric(p, s) below the value that would round into one more digit', () => {
    expect(numericLimit(14, 2)).toBeGreaterThan(999_999_999_999.99);
    expect(numericLimit(14, 2)).toBeLessThan(999_999_999_999.995 + 1e-3);
    expect(numericLimit(5, 2)).toBe(999.995);
  });
});
