import { describe, expect, test } from 'vitest';
import { ageInYears, daysBetween, isIanaTimeZone, isoDay, isPlausibleDate, parseDate } from '../../../src/util/dates.js';

const utc = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => Date.UTC(y, m - 1, d, h, min, s);

describe('parseDate', () => {
  test('partial dates stand for the first day of their period', () => {
    expect(parseDate('2026')).toBe(utc(2026, 1, 1));
    expect(parseDate('2026-10')).toBe(utc(2026, 10, 1));
    expect(parseDate('2026-10-02')).toBe(utc(2026, 10, 2));
  });

  test('date-times: Z, offsets with and without a colon, no offset means UTC', () => {
    expect(parseDate('2026-10-02T15:04:05Z')).toBe(utc(2026, 10, 2, 15, 4, 5));
    expect(parseDate('2026-10-09T14:00:00-04:00')).toBe(utc(2026, 10, 9, 18));
    expect(parseDate('2026-10-09T14:00:00+0530')).toBe(utc(2026, 10, 9, 8, 30));
    expect(parseDate('2026-10-09T14:00')).toBe(utc(2026, 10, 9, 14));
    expect(parseDate('2026-10-09 14:00:00.123Z')).toBe(utc(2026, 10, 9, 14));
  });

  test('a date-time crossing midnight through its offset', () => {
    expect(isoDay(parseDate('2026-01-01T01:00:00+03:00')!)).toBe('2025-12-31');
  });

  test.each([
    ['2026-02-30', 'no 30 February'],
    ['2025-02-29', 'not a leap year'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-13-01', '13th month'],
    ['2026-00-10', 'month zero'],
    ['2026-13', '13th month, partial'],
    ['2026-01-00', 'day zero'],
    ['1800-01-01', 'year 1800'],
    ['2200-01-01', 'year 2200'],
    ['1899-12-31', 'before 1900'],
    ['2101', 'after 2100'],
    ['2026-13-45', 'absurd'],
    ['9999-01-01', 'year 9999'],
    ['2026-10-02T24:00:00Z', 'hour 24'],
    ['2026-10-02T12:60:00Z', 'minute 60'],
    ['2026-10-02T12:00:00+15:00', 'offset beyond +14'],
    ['26-10-02', 'two-digit year'],
    ['2026/10/02', 'slashes'],
    ['02.10.2026', 'European order'],
    ['yesterday', 'words'],
    ['', 'empty'],
  ])('%s is invalid (%s)', (value) => {
    expect(parseDate(value)).toBeUndefined();
    expect(isPlausibleDate(value)).toBe(false);
  });

  test('29 February of a leap year and the year bounds are valid', () => {
    expect(parseDate('2024-02-29')).toBe(utc(2024, 2, 29));
    expect(parseDate('1900-01-01')).toBe(utc(1900, 1, 1));
    expect(parseDate('2100-12-31')).toBe(utc(2100, 12, 31));
  });

  test('non-strings are not dates', () => {
    expect(parseDate(undefined)).toBeUndefined();
    expect(parseDate(20261002)).toBeUndefined();
    expect(parseDate(null)).toBeUndefined();
  });
});

describe('ageInYears', () => {
  const age = (birth: string, at: string) => ageInYears(parseDate(birth)!, parseDate(at)!);

  test('a person turns a year older on the birthday, not before', () => {
    expect(age('1991-03-14', '2026-03-13')).toBe(34);
    expect(age('1991-03-14', '2026-03-14')).toBe(35);
    expect(age('1991-03-14', '2026-03-15')).toBe(35);
  });

  test('month boundary: born at the end of a month', () => {
    expect(age('1990-01-31', '2026-01-30')).toBe(35);
    expect(age('1990-01-31', '2026-02-01')).toBe(36);
  });

  test('born on 29 February: a year older on 1 March in common years', () => {
    expect(age('2000-02-29', '2026-02-28')).toBe(25);
    expect(age('2000-02-29', '2026-03-01')).toBe(26);
    expect(age('2000-02-29', '2028-02-29')).toBe(28);
  });

  test('partial dates: a degree ending "2010-06" from a birth in 1995', () => {
    expect(age('1995-07-01', '2010-06')).toBe(14);
  });

  test('a reference before the birth gives a negative age', () => {
    expect(age('2000-01-01', '1999-01-01')).toBe(-1);
  });
});

test('daysBetween counts days, signed', () => {
  expect(daysBetween(parseDate('2026-01-01')!, parseDate('2026-03-01')!)).toBe(59);
  expect(daysBetween(parseDate('2026-03-01')!, parseDate('2026-01-01')!)).toBe(-59);
});

test('isIanaTimeZone', () => {
  expect(isIanaTimeZone('America/New_York')).toBe(true);
  expect(isIanaTimeZone('Asia/Seoul')).toBe(true);
  expect(isIanaTimeZone('UTC')).toBe(true);
  expect(isIanaTimeZone('Mars/Olympus_Mons')).toBe(false);
  expect(isIanaTimeZone('')).toBe(false);
  expect(isIanaTimeZone(`${'A'.repeat(70)}`)).toBe(false);
});
