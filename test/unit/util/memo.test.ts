import { describe, expect, test } from 'vitest';
import { memoize } from '../../../src/util/memo.js';

describe('memoize', () => {
  test('computes each key once while it is cached', () => {
    let calls = 0;
    const f = memoize((s: string) => (calls++, s.length));
    expect([f('abc'), f('abc'), f('de')]).toEqual([3, 3, 2]);
    expect(calls).toBe(2);
    expect(f.peek('abc')).toBe(3);
    expect(f.peek('never')).toBeUndefined();
  });

  test('holds at most max entries: when full it starts again, and answers stay right', () => {
    let calls = 0;
    const f = memoize((s: string) => (calls++, s.toUpperCase()), 2);
    f('a');
    f('b');
    f('c'); // full: emptied, then c kept
    expect(f.peek('a')).toBeUndefined();
    expect(f.peek('c')).toBe('C');
    expect(f('a')).toBe('A');
    expect(calls).toBe(4);
  });

  test('long keys are answered but never kept', () => {
    let calls = 0;
    const f = memoize((s: string) => (calls++, s.length), 10, 5);
    expect(f('x'.repeat(6))).toBe(6);
    expect(f('x'.repeat(6))).toBe(6);
    expect(calls).toBe(2);
    expect(f.peek('x'.repeat(6))).toBeUndefined();
  });
});
