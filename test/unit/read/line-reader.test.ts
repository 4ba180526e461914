import { describe, expect, test } from 'vitest';
import { readLines, type RawLine } from '../../../src/read/line-reader.js';

async function lines(chunks: Buffer[], max?: number): Promise<RawLine[]> {
  const out: RawLine[] = [];
  async function* src() {
    for (const c of chunks) yield c;
  }
  for await (const l of readLines(src(), 'f.ndjson', max)) out.push(l);
  return out;
}
const texts = (ls: RawLine[]) => ls.map((l) => ('text' in l ? l.text : `<${l.tooLong}>`));

describe('readLines', () => {
  test('numbers lines from 1, drops blank ones, strips CR', async () => {
    const ls = await lines([Buffer.from('{"a":1}\r\n\r\n   \n{"b":2}\n')]);
    expect(ls.map((l) => l.line)).toEqual([1, 4]);
    expect(texts(ls)).toEqual(['{"a":1}', '{"b":2}']);
  });

  test('keeps the last line without a trailing newline', async () => {
    expect(texts(await lines([Buffer.from('x\ny')]))).toEqual(['x', 'y']);
  });

  test('joins a line and a multi-byte character split across chunks', async () => {
    const bytes = Buffer.from('{"n":"Zoë Ünal"}\n{"n":"김지호"}\n');
    const ls = await lines([bytes.subarray(0, 9), bytes.subarray(9, 25), bytes.subarray(25)]);
    expect(texts(ls)).toEqual(['{"n":"Zoë Ünal"}', '{"n":"김지호"}']);
  });

  test('skips a UTF-8 byte-order mark', async () => {
    const ls = await lines([Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\n')])]);
    expect(texts(ls)).toEqual(['{"a":1}']);
  });

  test('reads UTF-16 LE and BE with a BOM, and UTF-16 LE without one', async () => {
    const text = '{"n":"Zoë"}\n{"n":"Łukasz"}\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    const bare = Buffer.from(text, 'utf16le');
    for (const input of [le, be, bare]) {
      // Odd chunk sizes split code units in half.
      const chunks = [input.subarray(0, 7), input.subarray(7, 20), input.subarray(20)];
      expect(texts(await lines(chunks))).toEqual(['{"n":"Zoë"}', '{"n":"Łukasz"}']);
    }
  });

  test('a line in Windows-1252 among UTF-8 lines is read with a warning, the others without', async () => {
    const input = Buffer.concat([Buffer.from('{"n":"Zoë"}\n'), Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0x5a, 0x6f, 0xeb, 0x22, 0x7d, 0x0a])]);
    const ls = await lines([input]);
    expect(texts(ls)).toEqual(['{"n":"Zoë"}', '{"n":"Zoë"}']);
    expect('text' in ls[0]! && ls[0].warning).toBeFalsy();
    expect('text' in ls[1]! && ls[1].warning?.code).toBe('input-encoding');
    expect('text' in ls[1]! && ls[1].warning?.line).toBe(2);
  });

  test('a line over the limit is reported by size and not kept; the next line is read', async () => {
    const long = 'x'.repeat(100);
    const ls = await lines([Buffer.from(`ok\n${long.slice(0, 40)}`), Buffer.from(`${long.slice(40)}\nafter\n`)], 64);
    expect(ls).toEqual([
      { line: 1, text: 'ok' },
      { line: 2, tooLong: 100 },
      { line: 3, text: 'after' },
    ]);
  });

  test('an over-long final line without a newline is still reported', async () => {
    const ls = await lines([Buffer.from('y'.repeat(80))], 64);
    expect(ls).toEqual([{ line: 1, tooLong: 80 }]);
  });

  test('a line still without its end after cutAt bytes ends the reading: a stream that never ends is left', async () => {
    let pulled = 0;
    // Endless as far as the reader can tell; bounded here so that a reader that ignores cutAt fails, not hangs.
    async function* endless() {
      for (let i = 0; i < 100_000; i++) {
        pulled++;
        yield Buffer.alloc(16, 0);
      }
    }
    const out: RawLine[] = [];
    for await (const l of readLines(
      (async function* () {
        yield Buffer.from('ok\n');
        yield* endless();
      })(),
      'f',
      40,
      100,
    ))
      out.push(l);
    expect(out).toEqual([
      { line: 1, text: 'ok' },
      { line: 2, tooLong: 112, cut: true },
    ]);
    expect(pulled).toBe(7);
  });
});
