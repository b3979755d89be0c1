import { describe, expect, it } from 'vitest';
import { keyPart, nullFlag, parseBoolean, parseDate, parseNumber } from './values.ts';

describe('values', () => {
  it('parses numbers stored as strings the way Mexican tables write them', () => {
    expect(parseNumber('50.7%')).toBe(50.7);
    expect(parseNumber('1,234')).toBe(1234);
    expect(parseNumber('1,234,567.25')).toBe(1234567.25);
    expect(parseNumber(' 855563 ')).toBe(855563);
    expect(parseNumber(83104.0)).toBe(83104);
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('abc')).toBeUndefined();
    expect(parseNumber('12a')).toBeUndefined();
    expect(parseNumber('')).toBeUndefined();
  });
  it('flags INEGI markers as NULL, never 0', () => {
    expect(nullFlag('*')).toBe('confidencial');
    for (const v of ['N/D', 'n/d', '', '-', ' ', null]) expect(nullFlag(v)).toBe('no_disponible');
    expect(nullFlag('0')).toBeNull();
    expect(nullFlag(0)).toBeNull();
  });
  it('keeps leading zeros and AGEB letters in key parts', () => {
    expect(keyPart(30, 3)).toBe('030');
    expect(keyPart('1', 4)).toBe('0001');
    expect(keyPart('177a', 4)).toBe('177A');
    expect(keyPart('0001', 4)).toBe('0001');
  });
  it('parses booleans and dates', () => {
    expect(parseBoolean('TRUE')).toBe(true);
    expect(parseBoolean('FALSE')).toBe(false);
    expect(parseBoolean('quizá')).toBeUndefined();
    expect(parseDate('2021-10-18')).toBe('2021-10-18');
    expect(parseDate('18/10/2021')).toBe('2021-10-18');
    expect(parseDate('2021-02-30')).toBeUndefined();
  });
});
