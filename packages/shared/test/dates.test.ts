import { describe, expect, it } from 'vitest';
import { chinaDateTime, chinaToday, fullYears } from '../src/index.js';

describe('chinaToday', () => {
  it.each([
    ['2026-11-30T15:59:59.999Z', '2026-11-30'],
    ['2026-11-30T16:00:00.000Z', '2026-12-01'],
    ['2026-12-31T17:30:00.000Z', '2027-01-01'],
    ['2028-02-28T20:00:00.000Z', '2028-02-29'],
    ['2026-06-01T00:00:00.000Z', '2026-06-01'],
  ])('at %s it is %s in China', (instant, date) => {
    expect(chinaToday(new Date(instant))).toBe(date);
  });
});

describe('fullYears', () => {
  it.each([
    ['1970-05-06', '2026-05-05', 55],
    ['1970-05-06', '2026-05-06', 56],
    ['1970-12-31', '2027-01-01', 56],
    ['2000-02-29', '2027-02-28', 26],
    ['2000-02-29', '2028-02-29', 28],
  ])('born %s, on %s: %i', (birth, on, years) => {
    expect(fullYears(birth, on)).toBe(years);
  });
});

describe('chinaDateTime', () => {
  it('shows an instant on the clock in China, across midnight UTC', () => {
    expect(chinaDateTime('2026-12-31T17:30:00.123456+00:00')).toBe('2027-01-01 01:30');
    expect(chinaDateTime('2026-11-30T08:05:59+08:00')).toBe('2026-11-30 08:05');
    expect(chinaDateTime(null)).toBe('');
  });
});
