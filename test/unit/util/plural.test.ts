import { expect, test } from 'vitest';
import { plural } from '../../../src/util/plural.js';

test('a count with its noun: singular only for exactly one', () => {
  expect(plural(1, 'record')).toBe('1 record');
  expect(plural(0, 'record')).toBe('0 records');
  expect(plural(2, 'review decision')).toBe('2 review decisions');
});
