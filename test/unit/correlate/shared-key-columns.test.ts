import { describe, expect, test } from 'vitest';
import { SharedKeyColumns } from '../../../src/correlate/shared-key-columns.js';
import type { SharedKey } from '../../../src/correlate/key-runs.js';

function key(i: number): SharedKey {
  // Members vary in number (2 to 5) and repeat ordinals with different slots, as the merge yields them.
  const members = Array.from({ length: 2 + (i % 4) }, (_, m) => ({ ordinal: i * 3 + (m >> 1), slot: 0x10000 * (i % 7) + m }));
  return { space: i % 9, hi: (i * 2654435761) >>> 0, lo: (i * 40503) >>> 0, members, displayAt: ((i * 37) % 11) * 1e9, displayLength: i % 5 };
}

describe('SharedKeyColumns', () => {
  const keys = Array.from({ length: 40_000 }, (_, i) => key(i));
  const columns = new SharedKeyColumns();
  for (const k of keys) columns.push(k);

  test('gives every key back, in the order pushed, with its members in order', () => {
    expect(columns.length).toBe(keys.length);
    const back = [...columns.all()];
    expect(back).toEqual(keys.map(({ space, hi, lo, members }) => ({ space, hi, lo, members })));
    expect(columns.displayAt(123)).toBe(keys[123]!.displayAt);
    expect(columns.displayLength(124)).toBe(keys[124]!.displayLength);
  });

  test('orders keys by where their text sits, stably (a sweep of the text file)', () => {
    const expected = keys.map((k, i) => ({ at: k.displayAt, i })).sort((a, b) => a.at - b.at || a.i - b.i);
    expect(Array.from(columns.byDisplayPlace())).toEqual(expected.map((e) => e.i));
  });

  test('empty', () => {
    const none = new SharedKeyColumns();
    expect([...none.all()]).toEqual([]);
    expect(none.byDisplayPlace().length).toBe(0);
  });
});
