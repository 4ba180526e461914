import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRecords, type ReadOptions } from '../../../src/read/read-records.js';
import type { InputRecord } from '../../../src/read/input-record.js';
import type { SkippedInput } from '../../../src/model/report.js';

let dir: string;
const app = (id: string) => JSON.stringify({ id, name: { full: `Person ${id}` } });

async function read(args: string[], opts: Partial<ReadOptions> = {}): Promise<{ records: InputRecord[]; skipped: SkippedInput[] }> {
  const skipped: SkippedInput[] = [];
  const records: InputRecord[] = [];
  for await (const r of readRecords(args, { cwd: dir, stdin: Readable.from([]), onSkip: (s) => skipped.push(s), ...opts })) records.push(r);
  return { records, skipped };
}
const ids = (rs: InputRecord[]) => rs.map((r) => (r.value as { id?: string } | undefined)?.id ?? `!${r.error?.code}`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dprk-read-'));
  mkdirSync(join(dir, 'export/b-sub'), { recursive: true });
  mkdirSync(join(dir, 'export/.git'), { recursive: true });
  writeFileSync(join(dir, 'export/z.ndjson'), `${app('z1')}\n\n${app('z3')}\n`);
  writeFileSync(join(dir, 'export/a.json'), JSON.stringify([{ id: 'a0', name: { full: 'A' } }, 5, { id: 'a2', name: { full: 'B' } }]));
  writeFileSync(join(dir, 'export/b-sub/c.jsonl'), `${app('c1')}\n`);
  writeFileSync(join(dir, 'export/README.txt'), 'notes');
  writeFileSync(join(dir, 'export/.git/HEAD'), 'ref');
  writeFileSync(join(dir, 'single.json'), `{\n  "id": "s1",\n  "name": { "full": "Single" }\n}\n`);
  writeFileSync(join(dir, 'records.data'), `${app('d1')}\n${app('d2')}\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readRecords', () => {
  test('a directory is read recursively in sorted order; sources say file#line and file[index]', async () => {
    const { records } = await read(['export']);
    expect(ids(records)).toEqual(['a0', '!input-not-object', 'a2', 'c1', 'z1', 'z3']);
    expect(records.map((r) => r.source)).toEqual([
      'export/a.json[0]',
      'export/a.json[1]',
      'export/a.json[2]',
      'export/b-sub/c.jsonl#1',
      'export/z.ndjson#1',
      'export/z.ndjson#3',
    ]);
  });

  test('files in a directory that are not applicant files are skipped with a reason, not dropped silently', async () => {
    const { skipped } = await read(['export']);
    expect(skipped).toEqual([
      { path: 'export/.git', reason: 'hidden directory' },
      { path: 'export/README.txt', reason: expect.stringContaining('not an applicant file') },
    ]);
  });

  test('globs expand in sorted order; a glob matching nothing is an error record', async () => {
    const { records } = await read(['export/**/*.{ndjson,jsonl}', 'nothing/*.json']);
    expect(ids(records)).toEqual(['c1', 'z1', 'z3', '!input-unreadable']);
    expect(records[3]!.error!.message).toBe('no files match this pattern');
  });

  test('arguments keep their order; a file named twice is read once', async () => {
    const { records, skipped } = await read(['single.json', 'export/z.ndjson', 'single.json']);
    expect(ids(records)).toEqual(['s1', 'z1', 'z3']);
    expect(skipped).toEqual([{ path: 'single.json', reason: 'already read (named twice)' }]);
  });

  test('a missing file is one error record with its path', async () => {
    const { records } = await read(['missing.json']);
    expect(records).toEqual([
      expect.objectContaining({ source: 'missing.json', error: expect.objectContaining({ code: 'input-unreadable', message: 'no such file' }) }),
    ]);
  });

  test('an unknown extension is sniffed: one object per line is NDJSON', async () => {
    const { records } = await read(['records.data']);
    expect(records.map((r) => r.source)).toEqual(['records.data#1', 'records.data#2']);
  });

  test('standard input: NDJSON and a pretty-printed document are both recognised', async () => {
    const nd = await read(['-'], { stdin: Readable.from([Buffer.from(`${app('n1')}\n${app('n2')}\n`)]) });
    expect(nd.records.map((r) => r.source)).toEqual(['<stdin>#1', '<stdin>#2']);
    const doc = await read(['-'], { stdin: Readable.from([Buffer.from('{\n "id": "p1",\n "name": {"full": "P"}\n}\n')]) });
    expect(doc.records.map((r) => [r.source, ids([r])[0]])).toEqual([['<stdin>', 'p1']]);
    const arr = await read(['-'], { stdin: Readable.from([Buffer.from(`[${app('q1')},\n${app('q2')}]`)]) });
    expect(arr.records.map((r) => r.source)).toEqual(['<stdin>[0]', '<stdin>[1]']);
  });

  test('a JSON document over the size limit is refused with advice to use NDJSON, without reading it', async () => {
    const big = join(dir, 'huge.json');
    writeFileSync(big, '');
    truncateSync(big, 200 * 1024 * 1024);
    const { records } = await read(['huge.json']);
    expect(records[0]!.error).toMatchObject({ code: 'input-too-large', hint: expect.stringContaining('NDJSON') });
  });

  test('a 10 MB record on one NDJSON line is read whole', async () => {
    const sessions = Array.from({ length: 5000 }, (_, i) => ({ ip: `98.28.${i % 250}.7`, userAgent: 'M'.repeat(2000) }));
    const rec = JSON.stringify({ id: 'big', name: { full: 'Big Record' }, network: { sessions } });
    expect(rec.length).toBeGreaterThan(10_000_000);
    writeFileSync(join(dir, 'big.ndjson'), `${app('before')}\n${rec}\n${app('after')}\n`);
    const { records } = await read(['big.ndjson']);
    expect(ids(records)).toEqual(['before', 'big', 'after']);
  });

  test('a pretty-printed file named .ndjson is read as one document, not as broken lines', async () => {
    writeFileSync(join(dir, 'pretty.ndjson'), '{\n  "id": "pp",\n  "name": { "full": "Pretty" }\n}\n');
    const { records } = await read(['pretty.ndjson']);
    expect(ids(records)).toEqual(['pp']);
  });

  test('sharding: only accepted sources are produced, the rest are counted', async () => {
    let others = 0;
    const { records } = await read(['export/z.ndjson', 'export/a.json'], {
      accept: (s) => s.endsWith('#3') || s.endsWith('[0]'),
      onOtherShard: () => others++,
    });
    expect(records.map((r) => r.source)).toEqual(['export/z.ndjson#3', 'export/a.json[0]']);
    expect(others).toBe(3);
  });

  test('ATS records are mapped when asked (auto), with the mapping report as warnings', async () => {
    writeFileSync(
      join(dir, 'gh.ndjson'),
      `${JSON.stringify({ id: 7, first_name: 'Ann', last_name: 'Lee', email_addresses: [{ value: 'ann@example.com', type: 'personal' }], tags: [], mystery: 1 })}\n`,
    );
    const { records } = await read(['gh.ndjson']);
    expect(records[0]!.value).toMatchObject({ id: '7', name: { full: 'Ann Lee' }, contact: { emails: ['ann@example.com'] }, source: { system: 'greenhouse' } });
    expect(records[0]!.warnings?.map((w) => w.message)).toEqual(['greenhouse: mystery: not a Greenhouse candidate field this adapter knows']);
    const native = await read(['gh.ndjson'], { inputFormat: 'applicant' });
    expect(native.records[0]!.value).toMatchObject({ first_name: 'Ann' });
  });

  test('a document of many short lines keeps its positions (its text is held in a few long strings)', async () => {
    // 3 lines and a blank one per element: far more pieces than are joined at a time.
    const n = 3000;
    const elements = Array.from({ length: n }, (_, i) => (i === n - 1 ? '  42' : `  {\n    "id": "e${i}"\n  }`));
    writeFileSync(join(dir, 'tall.json'), `[\n${elements.join(',\n\n')}\n]\n`);
    const { records } = await read(['tall.json']);
    expect(records).toHaveLength(n);
    expect(records[1]).toMatchObject({ line: 6, column: 3 });
    const last = records[n - 1]!;
    expect(last.error?.message).toBe(`element ${n - 1} (line ${2 + 4 * (n - 1)}, column 3) is a number, not an applicant object`);
  });

  test('standard input holding a document past the 128 MB ceiling is not read further than that', async () => {
    let pulled = 0;
    const line = Buffer.from(`${'1,'.repeat(512 * 1024)}\n`); // 1 MB
    async function* big() {
      yield Buffer.from('[\n');
      // 400 MB if read to its end: the reading must stop after the ceiling, not count the rest.
      for (let i = 0; i < 400; i++) {
        pulled++;
        yield line;
      }
    }
    const { records } = await read(['-'], { stdin: Readable.from(big()) });
    expect(records.map((r) => r.error?.message)).toEqual(['is more than 128 MB; a single JSON document may be at most 128 MB because it must be read whole']);
    expect(pulled).toBeLessThan(200);
  }, 60_000);
});
