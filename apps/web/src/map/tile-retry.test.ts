import { describe, expect, it } from 'vitest';
import { isTransient } from './tile-retry.ts';

const ajax = (status: number) => Object.assign(new Error(`AJAXError (${status})`), { name: 'AJAXError', status });

describe('isTransient', () => {
  it('a dropped connection and a server briefly away are worth asking again', () => {
    expect(isTransient(new TypeError('Failed to fetch'))).toBe(true);
    for (const s of [0, 502, 503, 504]) expect(isTransient(ajax(s))).toBe(true);
  });
  it('a refused, missing or broken tile is not', () => {
    for (const s of [400, 403, 404, 500]) expect(isTransient(ajax(s))).toBe(false);
    expect(isTransient(new Error('Unimplemented type: 4'))).toBe(false);
    expect(isTransient(undefined)).toBe(false);
  });
});
