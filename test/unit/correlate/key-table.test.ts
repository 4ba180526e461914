import { describe, expect, test } from 'vitest';
import { KeyTable } from '../../../src/correlate/key-table.js';

describe('KeyTable', () => {
  test('keeps members per 64-bit key across growth; keys differing in one half are distinct', () => {
    const t = new KeyTable();
    for (let i = 0; i < 20_000; i++) t.add(i % 5000, 7, 1, i, i % 3);
    t.add(0, 8, 1, 1, 0);
    expect(t.size).toBe(5001);
    const shared = [...t.shared()];
    expect(shared).toHaveLength(5000);
    const e = shared.find((s) => s.hi === 42 && s.lo === 7)!;
    expect(t.membersOf(e.entry).map((m) => m.ordinal)).toEqual([42, 5042, 10042, 15042]);
  });

  test('one applicant repeating a key counts once', () => {
    const t = new KeyTable();
    t.add(1, 1, 0, 9, 0);
    expect(t.add(1, 1, 0, 9, 1).size).toBe(1);
    expect(t.add(1, 1, 0, 10, 0).size).toBe(2);
  });
});
