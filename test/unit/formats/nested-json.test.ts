import { describe, expect, test } from 'vitest';
import { nestedJson } from '../../../src/formats/nested-json.js';
import { fixtureReport } from '../../helpers/fixture-report.js';

/** What nestedJson replaces: stringify, then indent every line after the first by the depth. */
const reindented = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

describe('nestedJson', () => {
  const { report } = fixtureReport();
  const values: unknown[] = [
    0,
    -1.5e-7,
    'text with "quotes", a \\ and a\nnewline\ttab \u2028',
    true,
    null,
    [],
    {},
    [[], {}, [1, [2, [3]]]],
    { a: { b: { c: [] } }, 'key with\nnewline': 'v' },
    { toJSON: () => ({ shown: 'what toJSON gives' }) },
    ...report.applicants,
    report.links,
    report.errors,
  ];
  test.each([0, 1, 2, 3, 5])('at depth %i: the same text as re-indenting JSON.stringify', (depth) => {
    for (const v of values) expect(nestedJson(v, depth)).toBe(reindented(v, depth));
  });

  test('undefined inside objects and arrays is dropped and nulled as JSON.stringify does', () => {
    const v = { a: undefined, b: [undefined, () => 1], c: 1 };
    expect(nestedJson(v, 2)).toBe(reindented(v, 2));
  });
});
