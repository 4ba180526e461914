import { readdirSync, readSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect, test } from 'vitest';
import { parseSpilled, SpillFile } from '../../../src/util/spill-file.js';

const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith('dprk-check-'));

test('reads back any range of what was appended, across buffer flushes and block boundaries', () => {
  const f = new SpillFile('t', 64);
  const parts = Array.from({ length: 200 }, (_, i) => Buffer.from(`record ${i} ${'x'.repeat(i % 37)}|`));
  const at = parts.map((p) => f.append(p));
  expect(f.size).toBe(parts.reduce((n, p) => n + p.length, 0));
  // Out of order, some still buffered, some on disk.
  for (const i of [199, 0, 57, 198, 3, 120]) expect(f.read(at[i]!, parts[i]!.length).toString()).toBe(parts[i]!.toString());
  // A range that starts mid-block and spans several records.
  const whole = Buffer.concat(parts).toString();
  expect(f.read(5, 300).toString()).toBe(whole.slice(5, 305));
  f.close();
});

test('small appends, strings, regions filled in place and values larger than the buffer keep their order', () => {
  const f = new SpillFile('t', 32);
  const big = Buffer.from('B'.repeat(100));
  const put: Array<[number, string]> = [];
  put.push([f.append(Buffer.from('one|')), 'one|']);
  const s = f.appendString('zwei·drei|');
  put.push([s.at, 'zwei·drei|']);
  expect(s.length).toBe(Buffer.byteLength('zwei·drei|'));
  const r = f.reserve(5);
  r.buf.write('five|', r.offset);
  put.push([r.at, 'five|']);
  put.push([f.append(big), big.toString()]);
  const wide = f.reserve(40);
  wide.buf.write('W'.repeat(40), wide.offset);
  put.push([wide.at, 'W'.repeat(40)]);
  put.push([f.append(Buffer.from('last')), 'last']);
  const whole = put.map(([, v]) => v).join('');
  expect(put.map(([at]) => at)).toEqual(
    put.map((_, i) =>
      Buffer.byteLength(
        put
          .slice(0, i)
          .map(([, v]) => v)
          .join(''),
      ),
    ),
  );
  expect(f.read(0, f.size).toString()).toBe(whole);
  for (const [at, v] of put) expect(f.read(at, Buffer.byteLength(v)).toString()).toBe(v);
  expect(f.diskBytes()).toBe(Buffer.byteLength(whole));
  f.close();
});

test('what reaches the disk is not the plain text', () => {
  const f = new SpillFile('t', 16);
  const secret = 'jane.doe@example.com +1 614 555 0100 '.repeat(50);
  f.append(Buffer.from(secret));
  expect(f.diskBytes()).toBe(Buffer.byteLength(secret));
  const raw = Buffer.alloc(Buffer.byteLength(secret));
  readSync(f.descriptor, raw, 0, raw.length, 0);
  expect(raw.toString('latin1')).not.toContain('example.com');
  expect(raw.toString('latin1')).not.toContain('555');
  expect(f.read(0, 20).toString()).toBe(secret.slice(0, 20));
  // Two files never share a key stream: the same bytes encrypt differently.
  const other = new SpillFile('u', 16);
  other.append(Buffer.from(secret));
  const raw2 = Buffer.alloc(raw.length);
  readSync(other.descriptor, raw2, 0, raw2.length, 0);
  expect(raw2.equals(raw)).toBe(false);
  f.close();
  other.close();
});

test('leaves nothing in the temporary directory, and refuses use after close', () => {
  const before = leftovers().length;
  const f = new SpillFile('t');
  f.append(Buffer.from('abc'));
  expect(leftovers().length).toBe(before);
  f.close();
  f.close();
  expect(() => f.append(Buffer.from('x'))).toThrow(/closed/);
  expect(() => f.read(0, 1)).toThrow(/closed/);
  expect(leftovers().length).toBe(before);
});

test('a read past the end is a RangeError, not garbage', () => {
  const f = new SpillFile('t');
  f.append(Buffer.from('abc'));
  expect(() => f.read(1, 3)).toThrow(RangeError);
  f.close();
});

test('JSON values read back equal, alone or from a block read in one go, across flushes', () => {
  const f = new SpillFile('t', 48);
  const values = Array.from({ length: 40 }, (_, i) => ({
    id: `a-${i}`,
    name: `Zoë Ó'Brien ${'ü'.repeat(i % 5)}`,
    score: i * 1.5,
    tags: i % 3 ? ['x'] : [],
    gone: undefined,
  }));
  const at = values.map((v) => f.appendJson(v));
  const plain = values.map((v) => JSON.parse(JSON.stringify(v)));
  for (const i of [39, 0, 17]) expect(parseSpilled(f.read(at[i]!.at, at[i]!.length))).toEqual(plain[i]);
  // Undefined keys are left out, as a JSON report leaves them out.
  expect(Object.keys(parseSpilled<object>(f.read(at[2]!.at, at[2]!.length)))).toEqual(['id', 'name', 'score', 'tags']);
  const block = f.read(at[10]!.at, at[12]!.at + at[12]!.length - at[10]!.at);
  const off = (i: number) => at[i]!.at - at[10]!.at;
  expect([10, 11, 12].map((i) => parseSpilled(block, off(i), off(i) + at[i]!.length))).toEqual(plain.slice(10, 13));
  f.close();
});
