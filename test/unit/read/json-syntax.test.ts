import { describe, expect, test } from 'vitest';
import { arrayElements, jsonErrorOffset, lineColumn } from '../../../src/read/json-syntax.js';
import { pick, prng } from '../../helpers/prng.js';

describe('json-syntax', () => {
  test('lineColumn is 1-based', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  test('jsonErrorOffset agrees with JSON.parse on what is valid', () => {
    for (const valid of ['{}', '[]', '{"a":[1,-2.5e3,true,false,null,"x\\"y"]}', ' [ {"a" : {}} ] ']) {
      expect(() => JSON.parse(valid)).not.toThrow();
      expect(jsonErrorOffset(valid).message).toBe('not valid JSON');
    }
  });
});

describe('arrayElements', () => {
  const WS = ['', ' ', '  ', '\n', '\r\n', '\t', ' \n  ', '\n\n'];
  const STRINGS = ['', 'a', '"', '\\', '\\"', '[', ']', '{', '}', ',', '", "', '\\\\"]', 'é', '\u2028', '😀', '\n', 'x\\'];
  /** A JSON value written with random white space between its tokens, and hostile strings. */
  function write(rand: () => number, depth: number): string {
    const ws = () => pick(rand, WS);
    const r = rand();
    if (depth > 2 || r < 0.35) return pick(rand, [JSON.stringify(pick(rand, STRINGS)), '0', '-1.5e3', 'true', 'false', 'null', '12']);
    const n = Math.floor(rand() * 4);
    const items = Array.from({ length: n }, () =>
      r < 0.7 ? `${ws()}${JSON.stringify(pick(rand, STRINGS))}${ws()}:${ws()}${write(rand, depth + 1)}${ws()}` : `${ws()}${write(rand, depth + 1)}${ws()}`,
    );
    return r < 0.7 ? `{${items.join(',')}${n ? '' : ws()}}` : `[${items.join(',')}${n ? '' : ws()}]`;
  }

  test('each span is its element, parsed alone, and starts where lineColumn puts it (500 random arrays)', () => {
    const rand = prng(20261020);
    for (let k = 0; k < 500; k++) {
      const n = 1 + Math.floor(rand() * 6);
      const text = `${pick(rand, WS)}[${Array.from({ length: n }, () => `${pick(rand, WS)}${write(rand, 0)}${pick(rand, WS)}`).join(',')}]${pick(rand, WS)}`;
      const whole = JSON.parse(text) as unknown[];
      const spans = [...arrayElements(text)];
      expect({ text, parsed: spans.map((s) => JSON.parse(text.slice(s.start, s.end)) as unknown) }).toEqual({ text, parsed: whole });
      for (const s of spans) {
        expect(' \t\r\n').not.toContain(text[s.start]);
        expect(' \t\r\n').not.toContain(text[s.end - 1]);
        expect({ text, at: { line: s.line, column: s.column } }).toEqual({ text, at: lineColumn(text, s.start) });
      }
    }
  });

  test('an empty array has no elements', () => {
    expect([...arrayElements(' [ \n ] ')]).toEqual([]);
  });
});

describe('jsonErrorOffset in a top-level array', () => {
  test('names the element the error is in, or the complete element it follows', () => {
    expect(jsonErrorOffset('[{"a": 1}, {"a": x}]')).toEqual({
      offset: 17,
      message: "unexpected character 'x'",
      element: { index: 1, offset: 11, complete: false },
    });
    expect(jsonErrorOffset('[1, 2 3]')).toMatchObject({ message: "expected ',' or ']'", element: { index: 1, offset: 4, complete: true } });
    expect(jsonErrorOffset('[1, 2,]')).toMatchObject({ message: 'trailing comma before ]', element: { index: 1, complete: true } });
    expect(jsonErrorOffset('[[1, 2], [3, 4}]')).toMatchObject({ element: { index: 1, offset: 9, complete: false } });
    expect(jsonErrorOffset('[1] 2')).not.toHaveProperty('element');
    expect(jsonErrorOffset('{"a": [1, x]}')).not.toHaveProperty('element');
  });
});
