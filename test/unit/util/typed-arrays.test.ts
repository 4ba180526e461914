import { expect, test } from 'vitest';
import { grown } from '../../../src/util/typed-arrays.js';

test('keeps the type and the entries, and zeroes the new room', () => {
  const a = Int32Array.from([-1, 2, 3]);
  const b = grown(a, 5);
  expect(b).toBeInstanceOf(Int32Array);
  expect([...b]).toEqual([-1, 2, 3, 0, 0]);
  const f = grown(Float64Array.from([0.5, 2 ** 40]), 3);
  expect(f).toBeInstanceOf(Float64Array);
  expect([...f]).toEqual([0.5, 2 ** 40, 0]);
  expect(a.length).toBe(3);
});
