import { describe, expect, test } from 'vitest';
import { Column } from '../../../src/util/column.js';

describe('Column: a chunked, growable column of numbers', () => {
  test('keeps every value across chunk boundaries, in its type', () => {
    const c = new Column(Float64Array);
    for (let i = 0; i < 40_000; i++) c.push(i * 1e9 + 0.5);
    expect(c.length).toBe(40_000);
    for (const i of [0, 16_383, 16_384, 16_385, 32_768, 39_999]) expect(c.get(i)).toBe(i * 1e9 + 0.5);
    const u8 = new Column(Uint8Array);
    u8.set(20_000, 300);
    expect(u8.get(20_000)).toBe(300 & 0xff);
  });

  test('entries never set read as the fill value, before and past the end', () => {
    const c = new Column(Int32Array, -1);
    c.set(17_000, 5);
    expect(c.length).toBe(17_001);
    expect([c.get(0), c.get(16_999), c.get(17_000), c.get(17_001), c.get(1e6), c.get(-1)]).toEqual([-1, -1, 5, -1, -1, -1]);
  });

  test('holds what it uses plus one chunk: a million entries in 62 chunks, not a doubled array', () => {
    const c = new Column(Uint32Array);
    for (let i = 0; i < 1_000_000; i++) c.push(i);
    const chunks = (c as unknown as { chunks: Uint32Array[] }).chunks;
    expect(chunks.length).toBe(Math.ceil(1_000_000 / 16_384));
    expect(chunks.reduce((n, a) => n + a.byteLength, 0)).toBeLessThan(1_000_000 * 4 + 16_384 * 4);
    expect(c.get(999_999)).toBe(999_999);
  });

  test('refuses an index that is not a whole number in range (it would allocate without end)', () => {
    const c = new Column(Uint8Array);
    for (const bad of [-1, 1.5, NaN, 2 ** 32]) expect(() => c.set(bad, 1)).toThrow(RangeError);
    expect(c.length).toBe(0);
  });
});
