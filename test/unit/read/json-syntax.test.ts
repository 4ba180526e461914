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
