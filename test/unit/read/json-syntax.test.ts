import { describe, expect, test } from 'vitest';
import { jsonErrorOffset, lineColumn } from '../../../src/read/json-syntax.js';

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
