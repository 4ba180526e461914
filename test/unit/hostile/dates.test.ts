import { expect, test } from 'vitest';
import { isoDay, isoFromEpochMs } from '../../../src/util/dates.js';
import { isoFromMillis } from '../../../src/read/adapters/common.js';

test('epoch milliseconds become dates only inside 1900–2100', () => {
  for (const bad of [1e21, -1e21, Number.MAX_VALUE, 8.64e15 + 1, NaN, Infinity, Date.UTC(1899, 11, 31), Date.UTC(2101, 0, 1), '1e21', null]) {
    expect(isoFromEpochMs(bad)).toBeUndefined();
    expect(isoFromMillis(bad)).toBeUndefined();
  }
  expect(isoFromMillis(Date.UTC(2026, 10, 1))).toBe('2026-11-01T00:00:00.000Z');
  expect(isoDay(1e21)).toBe('');
});
