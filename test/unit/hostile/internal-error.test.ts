import { expect, test } from 'vitest';
import { checkRecords } from '../../../src/pipeline/run-batch.js';
import { readRecords } from '../../../src/read/read-records.js';
import type { InputRecord } from '../../../src/read/input-record.js';
import { Readable } from 'node:stream';

/** An IP resolver with a bug that only one record meets. */
const buggy = {
  lookup(ip: string) {
    if (ip === '8.8.4.4') throw new TypeError('boom in the resolver');
    return undefined;
  },
};

test("an internal error in one record is that record's error; the batch goes on and counts add up", async () => {
  const values = [
    { id: 'a', name: { full: 'Ana Gomez' }, network: { sessions: [{ ip: '198.51.100.1' }] } },
    { id: 'b', name: { full: 'Ben Okafor' }, network: { sessions: [{ ip: '8.8.4.4' }] } },
    { id: 'c', name: { full: 'Cy Dahl' } },
  ];
  async function* records(): AsyncGenerator<InputRecord> {
    for (const [i, value] of values.entries()) yield { source: `x.ndjson#${i + 1}`, file: 'x.ndjson', line: i + 1, value };
  }
  const r = await checkRecords(records(), [], { strict: true, enrich: { ip: buggy } });
  expect(r.applicants.map((a) => a.id)).toEqual(['a', 'c']);
  expect(r.errors).toHaveLength(1);
  expect(r.errors.at(0)!.source).toBe('x.ndjson#2');
  expect(r.errors.at(0)!.message).toMatch(/internal error while checking this record: boom in the resolver/);
  expect(r.errors.at(0)!.diagnostics[0]!.code).toBe('record-internal-error');
});

test("a fault while reading one input is that input's error, and the next input is still read", async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'dprk-internal-'));
  writeFileSync(join(dir, 'a.ndjson'), '{"id":"a","name":{"full":"Ana Gomez"}}\n');
  writeFileSync(join(dir, 'b.ndjson'), '{"id":"b","name":{"full":"Ben Okafor"}}\n');
  // A reader whose shard filter throws on one file stands in for a bug in any read step.
  const accept = (source: string) => {
    if (source.startsWith('a.ndjson')) throw new Error('bug while reading a');
    return true;
  };
  const out: InputRecord[] = [];
  try {
    for await (const r of readRecords(['a.ndjson', 'b.ndjson'], { cwd: dir, stdin: Readable.from([]), accept })) out.push(r);
  } catch (e) {
    out.push({ source: 'thrown', location: { file: 'thrown' }, file: '', error: { code: 'record-internal-error', severity: 'error', message: String(e) } });
  }
  expect(out.map((r) => r.source)).toContain('b.ndjson#1');
});
