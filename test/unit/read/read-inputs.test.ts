import { afterAll, describe, expect, test } from 'vitest';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { parseJsonRecords, readInputs } from '../../../src/read/read-inputs.js';
import { cleanupTempDirs, writeTree } from '../../helpers/rule-pack.js';

afterAll(cleanupTempDirs);

const noStdin = { stdin: Readable.from([]) };
const one = (text: string) => {
  const records = parseJsonRecords('a.json', text);
  expect(records).toHaveLength(1);
  return records[0]!;
};

describe('parseJsonRecords', () => {
  test('an object is one record, keeping its text for positions', () => {
    const r = one('{"id":"a","name":{"full":"X"}}');
    expect(r.value).toEqual({ id: 'a', name: { full: 'X' } });
    expect(r.source).toBe('a.json');
    expect(r.text).toBe('{"id":"a","name":{"full":"X"}}');
    expect(r.error).toBeUndefined();
  });

  test('an array gives one record per element, each with its own source', () => {
    const rs = parseJsonRecords('batch.json', '[{"id":"a"},{"id":"b"}]');
    expect(rs.map((r) => [r.source, r.value])).toEqual([
      ['batch.json[0]', { id: 'a' }],
      ['batch.json[1]', { id: 'b' }],
    ]);
  });

  test.each([
    ['empty file', ''],
    ['whitespace only', '  \n\t \r\n'],
  ])('%s → input-empty', (_n, text) => {
    expect(one(text).error).toMatchObject({ code: 'input-empty', severity: 'error', file: 'a.json' });
  });

  test('a byte-order mark is ignored', () => {
    expect(one('\uFEFF{"id":"a"}').value).toEqual({ id: 'a' });
    expect(one('\uFEFF').error?.code).toBe('input-empty');
  });

  test('non-JSON gives input-not-json with line:column of the problem', () => {
    const e = one('{\n  "id": "a",\n  "name": { full: "X" }\n}').error!;
    expect(e.code).toBe('input-not-json');
    expect([e.line, e.column]).toEqual([3, 13]);
    expect(e.message).toContain('expected a "quoted" key');
  });

  test.each([
    ['trailing comma', '{"id": "a",}', 1, 12, 'trailing comma'],
    ['single-quoted value', '{"id": \'a\'}', 1, 8, 'double quotes'],
    ['missing close', '{"id": "a"', 1, 11, 'missing }'],
    ['text after the value', '{"id": "a"} x', 1, 13, 'after the end'],
    ['unterminated string', '{"id": "a}', 1, 11, 'unterminated string'],
    ['raw newline in a string', '{"id": "a\nb"}', 1, 10, 'control character'],
    ['bad literal', '{"ok": tru}', 1, 8, "unexpected character 't'"],
    ['missing colon', '{"id" "a"}', 1, 7, "expected ':'"],
    ['CSV', 'id,name\na,b', 1, 1, "unexpected character 'i'"],
  ])('%s', (_n, text, line, column, words) => {
    const e = one(text).error!;
    expect(e.code).toBe('input-not-json');
    expect([e.line, e.column]).toEqual([line, column]);
    expect(e.message).toContain(words);
  });

  test.each([
    ['a number', '42', 'a number'],
    ['a string', '"cand-1"', 'a string'],
    ['null', 'null', 'null'],
    ['a boolean', 'true', 'a boolean'],
  ])('JSON that is %s → input-not-object', (_n, text, described) => {
    const e = one(text).error!;
    expect(e.code).toBe('input-not-object');
    expect(e.message).toContain(`holds ${described}`);
  });

  test('an empty array is an error, not "nothing to do"', () => {
    expect(one('[]').error?.code).toBe('input-empty');
  });

  test('an array with a non-object element: that element fails, the others stay', () => {
    const rs = parseJsonRecords('b.json', '[{"id":"a"}, 7, null, [], {"id":"b"}]');
    expect(rs.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'input-not-object', 'input-not-object', 'input-not-object', 'ok']);
    expect(rs[1]!.source).toBe('b.json[1]');
    expect(rs[2]!.error!.message).toContain('element 2 (line 1, column 17) is null');
    expect(rs[2]!.error).toMatchObject({ line: 1, column: 17 });
    expect(rs[3]!.error!.message).toContain('an array');
  });

  test('each element keeps its own text and the line and column where it starts (positions as on an NDJSON line)', () => {
    const text = '[\n  {"id": "a"},\n\n    {\n      "id": "b"\n    }  ,  {"id": "[,]\\\\"}\n]\n';
    const rs = parseJsonRecords('b.json', text);
    expect(rs.map((r) => [r.source, r.text, r.line, r.column])).toEqual([
      ['b.json[0]', '{"id": "a"}', 2, 3],
      ['b.json[1]', '{\n      "id": "b"\n    }', 4, 5],
      ['b.json[2]', '{"id": "[,]\\\\"}', 6, 11],
    ]);
    expect(rs.map((r) => r.value)).toEqual(JSON.parse(text));
  });

  test('a syntax error in an array names the element it is in, or after, and where that element starts', () => {
    const inIt = one('[\n  {"id": "a"},\n  {"id": "b",\n   "name": x}\n]').error!;
    expect(inIt).toMatchObject({ code: 'input-not-json', line: 4, column: 12 });
    expect(inIt.message).toBe("not valid JSON: unexpected character 'x' (in element 1, which starts at line 3, column 3)");
    const after = one('[\n  {"id": "a"}\n  {"id": "b"}\n]').error!;
    expect(after).toMatchObject({ line: 3, column: 3 });
    expect(after.message).toBe("not valid JSON: expected ',' or ']' (after element 0, which starts at line 2, column 3)");
    // Past the array, or in an object document, there is no element to name.
    expect(one('[{"id": "a"}] x').error!.message).toBe('not valid JSON: unexpected text after the end of the JSON value');
    expect(one('{"id": [1, x]}').error!.message).toBe("not valid JSON: unexpected character 'x'");
  });
});

describe('readInputs', () => {
  test('files in the order given; a missing file is an error, not an exception; a directory is read once', async () => {
    const dir = writeTree({ 'a.json': '{"id":"a"}', 'sub/b.json': '{"id":"b"}' });
    const rs = await readInputs([join(dir, 'a.json'), join(dir, 'missing.json'), join(dir, 'sub'), join(dir, 'sub/b.json')], noStdin);
    // sub/ is walked; sub/b.json named again after it is not read twice.
    expect(rs.map((r) => r.error?.code ?? (r.value as { id: string }).id)).toEqual(['a', 'input-unreadable', 'b']);
    expect(rs[1]!.error!.message).toBe('no such file');
  });

  test('- reads standard input', async () => {
    const rs = await readInputs(['-'], { stdin: Readable.from([Buffer.from('{"id":'), Buffer.from('"s"}')]) });
    // One line of JSON reads as NDJSON with one record: its source names the line.
    expect(rs).toEqual([{ source: '<stdin>#1', location: { file: '<stdin>', line: 1 }, file: '<stdin>', line: 1, value: { id: 's' }, text: '{"id":"s"}' }]);
  });

  test('empty standard input is input-empty', async () => {
    const rs = await readInputs(['-'], { stdin: Readable.from([]) });
    expect(rs[0]!.error?.code).toBe('input-empty');
  });
});
