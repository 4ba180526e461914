import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runCli, STACK_FRAME } from '../../helpers/cli.js';
import { DEFAULT_LIMITS, parseLimit, valueOverLimit } from '../../../src/read/input-limits.js';

const hostile = fileURLToPath(new URL('../../fixtures/hostile/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'dprk-limits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ok = (id: string) => JSON.stringify({ id, name: { full: 'Ana Gomez' } });

async function run(args: string[], cwd = tmp) {
  const r = await runCli(['-f', 'json', '--no-progress', ...args], { cwd });
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr).not.toMatch(STACK_FRAME);
  const report = JSON.parse(r.stdout) as {
    summary: { total: number; evaluated: number; invalid: number };
    errors: Array<{ source: string; message: string; problems: Array<{ code?: string; message: string }> }>;
  };
  expect(report.summary.total).toBe(report.summary.evaluated + report.summary.invalid);
  return { ...r, report };
}

function file(name: string, lines: string[]): string {
  writeFileSync(join(tmp, name), `${lines.join('\n')}\n`);
  return name;
}

describe('input limits: each exceeded is one message and exit 2 for that record only', () => {
  test('nesting deeper than the limit (fixture, 100 levels under extra)', async () => {
    const { code, report } = await run(['deep-100.ndjson'], hostile);
    expect(code).toBe(2);
    expect(report.summary).toMatchObject({ total: 3, evaluated: 2, invalid: 1 });
    expect(report.errors[0]!.source).toBe('deep-100.ndjson#2');
    expect(report.errors[0]!.message).toMatch(/^line 2: extra\.a\.a\.a…\(\d+ more levels\)….a\.a: nested more than 64 levels deep \(input limit depth\)$/);
  });

  test('300,000 levels deep, schema-invalid: refused before ajv and the YAML positioner, no abort', async () => {
    const n = 300_000;
    const deep = `${'['.repeat(n)}1${']'.repeat(n)}`;
    const { code, report } = await run([file('deep300k.ndjson', [`{"id":"x","name":{"full":${deep}}}`, ok('y')])]);
    expect(code).toBe(2);
    expect(report.summary).toMatchObject({ total: 2, evaluated: 1, invalid: 1 });
    expect(report.errors[0]!.message).toMatch(/input limit depth/);
  }, 30_000);

  test('an array longer than the limit, a string longer than the limit, too many keys', async () => {
    const items = JSON.stringify({ id: 'i', name: { full: 'A B' }, extra: { list: Array.from({ length: 10_001 }, () => 0) } });
    const long = JSON.stringify({ id: 's', name: { full: 'A B' }, extra: { note: 'x'.repeat(1024 * 1024 + 1) } });
    const keys = JSON.stringify({ id: 'k', name: { full: 'A B' }, extra: Object.fromEntries(Array.from({ length: 100_001 }, (_, i) => [`k${i}`, 0])) });
    const { code, report } = await run([file('many.ndjson', [items, long, keys, ok('fine')])]);
    expect(code).toBe(2);
    expect(report.summary).toMatchObject({ total: 4, evaluated: 1, invalid: 3 });
    expect(report.errors.map((e) => e.message)).toEqual([
      'line 1: extra.list: an array of 10,001 items; at most 10,000 (input limit items)',
      'line 2: extra.note: a string of 1,048,577 characters; at most 1,048,576 (input limit string)',
      'line 3: extra: the record has more than 100,000 keys in all (input limit keys)',
    ]);
    expect(report.errors.every((e) => e.problems.length === 1 && e.problems[0]!.code === 'input-limit')).toBe(true);
  }, 30_000);

  test('a record over the size limit is refused before it is parsed: fast, whatever it holds', async () => {
    const big = JSON.stringify({ id: 'big', name: { full: 'A B' }, resume: { text: 'y'.repeat(20 * 1024 * 1024) } });
    const started = Date.now();
    const { code, report } = await run([file('big.ndjson', [big, ok('fine')])]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(code).toBe(2);
    expect(report.summary).toMatchObject({ total: 2, evaluated: 1, invalid: 1 });
    expect(report.errors[0]!.message).toMatch(/^line 1: the record is 20\.0 MB; one record may be at most 16 MB \(input limit record-bytes\)$/);
  }, 30_000);

  test('a .json document that is one object over the size limit is refused unparsed; an array is read record by record', async () => {
    const big = { id: 'big', name: { full: 'A B' }, resume: { text: 'y'.repeat(17 * 1024 * 1024) } };
    writeFileSync(join(tmp, 'big.json'), JSON.stringify(big));
    writeFileSync(join(tmp, 'big-array.json'), JSON.stringify([big, { id: 'fine', name: { full: 'C D' } }]));
    const one = await run(['big.json']);
    expect(one.code).toBe(2);
    expect(one.report.errors.map((e) => e.message)).toEqual(['the record is 17.0 MB; one record may be at most 16 MB (input limit record-bytes)']);
    const arr = await run(['big-array.json']);
    expect(arr.report.summary).toMatchObject({ total: 2, evaluated: 1, invalid: 1 });
    expect(arr.report.errors[0]!.message).toMatch(/resume\.text: a string of 17,825,792 characters; at most 1,048,576 \(input limit string\)/);
  }, 30_000);

  test('--input-limit raises or lowers a limit; a bad one is a usage error', async () => {
    const name = file('deep10.ndjson', [JSON.stringify({ id: 'd', name: { full: 'A B' }, extra: { a: { b: { c: { d: 1 } } } } })]);
    expect((await run(['--input-limit', 'depth=3', name])).code).toBe(2);
    expect((await run(['--input-limit', 'depth=6', name])).code).toBe(0);
    const bad = await runCli(['--input-limit', 'depthh=3', name], { cwd: tmp });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown limit 'depthh'/);
  });
});

describe('valueOverLimit', () => {
  test('never reads inherited keys and accepts what the model holds', () => {
    expect(valueOverLimit(JSON.parse('{"__proto__":{"a":1},"constructor":"x"}'), DEFAULT_LIMITS)).toBeUndefined();
    expect(
      valueOverLimit({ id: 'a', name: { full: 'A' }, network: { sessions: Array.from({ length: 10_000 }, () => ({ ip: '1.1.1.1' })) } }, DEFAULT_LIMITS),
    ).toBeUndefined();
  });

  test('parseLimit', () => {
    expect(parseLimit('record-bytes=2m')).toEqual({ key: 'maxRecordBytes', value: 2 * 1024 * 1024 });
    expect(parseLimit('depth=0')).toMatch(/positive/);
    expect(parseLimit('depth')).toMatch(/NAME=NUMBER/);
  });
});
