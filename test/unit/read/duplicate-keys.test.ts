import { describe, expect, test } from 'vitest';
import { duplicateKeys, writtenKeyCount } from '../../../src/read/json-syntax.js';
import { duplicateKeyWarnings } from '../../../src/read/duplicate-keys.js';
import { valueOverLimit, DEFAULT_LIMITS } from '../../../src/read/input-limits.js';

/** The keys of the parsed value, as the input-limit walk counts them. */
function parsedKeys(text: string): number {
  const tally = { keys: 0 };
  valueOverLimit(JSON.parse(text), DEFAULT_LIMITS, tally);
  return tally.keys;
}

describe('keys written in the text', () => {
  test('count every key and nothing else: not strings that hold a colon or an escaped quote, not values', () => {
    const text = '{"a": "x:y", "b" : {"c\\"": ["d", "e:", {"f":1}]}, "g\\\\":"\\"h\\":"}';
    expect(writtenKeyCount(text)).toBe(5);
    expect(parsedKeys(text)).toBe(5);
  });

  test('a repeated key makes the text hold more keys than the value', () => {
    const text = '{"id":"a","email":"x","email":"y"}';
    expect(writtenKeyCount(text)).toBe(3);
    expect(parsedKeys(text)).toBe(2);
  });
});

describe('which keys repeat, and where', () => {
  test('the key, the offsets of both, and the object that holds them; equal after escapes is equal', () => {
    const text = '{"id":"a","contact":{"emails":[],"e\\u006dails":[]},"sessions":[{"ip":"1"},{"ip":"2","ip":"3"}]}';
    expect(duplicateKeys(text)).toEqual({
      total: 2,
      found: [
        { key: 'emails', offset: text.indexOf('"e\\u006d'), first: text.indexOf('"emails"'), path: ['contact'] },
        { key: 'ip', offset: text.lastIndexOf('"ip"'), first: text.indexOf('"ip":"2"'), path: ['sessions', 1] },
      ],
    });
  });

  test('the same key in two objects is no repeat', () => {
    expect(duplicateKeys('[{"a":1},{"a":2,"b":{"a":3}}]').total).toBe(0);
  });

  test('at most `max` are listed; all are counted', () => {
    const text = `{${Array.from({ length: 8 }, () => '"k":1').join(',')}}`;
    expect(duplicateKeys(text, 5)).toMatchObject({ total: 7, found: { length: 5 } });
  });
});

describe('duplicate-key warnings', () => {
  test('an NDJSON line: the line and the column of the repeat', () => {
    const text = '{"id":"a","email":"x","email":"y"}';
    const w = duplicateKeyWarnings({ source: 'b.ndjson#7', location: { file: 'b.ndjson', line: 7 }, file: 'b.ndjson', line: 7, value: {}, text }, 2);
    expect(w).toEqual([
      {
        code: 'input-duplicate-key',
        severity: 'warning',
        file: 'b.ndjson',
        line: 7,
        column: 23,
        path: '/email',
        message: 'line 7, column 23: key "email" appears again (first at line 7, column 11); the last value is used, the first is ignored',
      },
    ]);
  });

  test("an array element: positions on the element's first line are offset by its column", () => {
    const text = '{"id":"a",\n   "id":"b"}';
    const at = { source: 'a.json[2]', location: { file: 'a.json', index: 2 }, file: 'a.json', line: 9, column: 3, value: {}, text };
    expect(duplicateKeyWarnings(at, 1).map((d) => d.message)).toEqual([
      'line 10, column 4: key "id" appears again (first at line 9, column 4); the last value is used, the first is ignored',
    ]);
  });

  test('none when the counts agree (the exact scan does not run), and none without the text', () => {
    const text = '{"id":"a","email":"x"}';
    expect(duplicateKeyWarnings({ source: 'x', location: { file: 'x' }, file: 'x', value: {}, text }, 2)).toEqual([]);
    expect(duplicateKeyWarnings({ source: 'x', location: { file: 'x' }, file: 'x', value: {} }, 0)).toEqual([]);
  });

  test('past five, one more warning says how many more', () => {
    const text = `{${Array.from({ length: 9 }, () => '"k":1').join(',')}}`;
    const w = duplicateKeyWarnings({ source: 'x', location: { file: 'x' }, file: 'x', value: {}, text }, 1);
    expect(w).toHaveLength(6);
    expect(w[5]!.message).toBe('and 3 more repeated keys in this record');
  });
});
