import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/program.js';
import { FORMAT_NAMES } from '../../src/formats/index.js';
import { memoryIO } from '../helpers/memory-io.js';
// @ts-expect-error plain JS module without types (the benchmark's generator)
import { generate } from '../../bench/generate.js';

/**
 * Results and errors spilled to disk (pipeline/result-store.ts, error-list.ts) must not change a byte of any output: every
 * format, masked and not, --only-flagged and --details, shard reports and their merge, on exports
 * with links, duplicate ids and invalid records. DPRK_CHECK_SPILL_AFTER forces spilling from the
 * first result (0) or part-way (7); the same run without it keeps every result in memory.
 */

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;
/** The system temp dir of these runs: where spill files are made (and must not be left). */
let temp: string;
const saved = { tmp: process.env.TMPDIR, spill: process.env.DPRK_CHECK_SPILL_AFTER };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dprk-spill-'));
  temp = join(dir, 'tmp');
  mkdirSync(temp);
  process.env.TMPDIR = temp;
  copyFileSync(join(ROOT, 'fixtures/batch/export.ndjson'), join(dir, 'export.ndjson'));
  // Laptop farms every 20 applicants: most results are patched by links after they were stored.
  await generate(join(dir, 'farms.ndjson'), 120, 7, { linkHeavy: true });
  // Records that cannot be checked, of every kind, between good ones: past the forced threshold the
  // errors are spilled too (pipeline/error-list.ts), and must read back the same in every format.
  const lines: string[] = [];
  for (let i = 0; i < 40; i++) {
    if (i % 4 === 0) lines.push('{"id":');
    else if (i % 4 === 1) lines.push('"a string"');
    else if (i % 4 === 2) lines.push(`{"id":"bad-${i}","name":{"full":"Bad ${i}"},"contact":{"emails":"x${i}@example.com"},"id":"bad-${i}"}`);
    else lines.push(`{"id":"ok-${i}","name":{"full":"Ok Person${i}"},"contact":{"emails":["ok${i}@example.com"],"emails":["ok${i}@example.org"]}}`);
  }
  writeFileSync(join(dir, 'broken.ndjson'), `${lines.join('\n')}\n`);
});

afterAll(() => {
  for (const [k, v] of [
    ['TMPDIR', saved.tmp],
    ['DPRK_CHECK_SPILL_AFTER', saved.spill],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI with results spilled past `spill` (undefined: the default, all in memory here); returns the file written and stdout. */
async function runWith(spill: string | undefined, args: string[], out: string): Promise<{ code: number; file: string; stderr: string }> {
  if (spill === undefined) delete process.env.DPRK_CHECK_SPILL_AFTER;
  else process.env.DPRK_CHECK_SPILL_AFTER = spill;
  const m = memoryIO(dir);
  const code = await run(args, m.io);
  delete process.env.DPRK_CHECK_SPILL_AFTER;
  return { code, file: readFileSync(join(dir, out), 'utf8'), stderr: m.stderr().replaceAll(out, 'OUT') };
}

const INPUTS = ['export.ndjson', 'farms.ndjson', 'broken.ndjson'];
const VARIANTS: Array<{ name: string; flags: string[] }> = [
  { name: 'default masking', flags: [] },
  { name: '--redact', flags: ['--redact'] },
  { name: '--no-redact --only-flagged', flags: ['--no-redact', '--only-flagged', '--fail-on', 'medium'] },
];

describe.each(VARIANTS)('every format is byte-identical spilled or not ($name)', ({ flags }) => {
  test.each(FORMAT_NAMES)(
    '%s',
    async (format) => {
      const args = (out: string) => [...INPUTS, ...flags, '-f', `${format}:${out}`];
      const kept = await runWith(undefined, args('kept.out'), 'kept.out');
      expect(kept.file.length).toBeGreaterThan(100);
      for (const spill of ['0', '7']) {
        const spilled = await runWith(spill, args(`spilled-${spill}.out`), `spilled-${spill}.out`);
        expect({ spill, ...spilled }).toEqual({ spill, ...kept });
      }
      expect(readdirSync(temp)).toEqual([]);
    },
    60_000,
  );
});

test('text --details and text to standard output, spilled or not', async () => {
  for (const args of [[...INPUTS, '--details'], [...INPUTS]]) {
    const outputs: string[] = [];
    for (const spill of [undefined, '0', '5']) {
      if (spill === undefined) delete process.env.DPRK_CHECK_SPILL_AFTER;
      else process.env.DPRK_CHECK_SPILL_AFTER = spill;
      const m = memoryIO(dir);
      await run(args, m.io);
      delete process.env.DPRK_CHECK_SPILL_AFTER;
      outputs.push(m.stdout());
    }
    expect(outputs[0]).toContain('cand-1001');
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
  }
}, 60_000);

// Inputs in path order give shard reports in source order (merged k ways); the reverse order does not (sorted in memory).
test.each([
  ['in source order', INPUTS],
  ['out of source order', [...INPUTS].reverse()],
])(
  'shard reports and their merge are byte-identical spilled or not, in every format (%s)',
  async (_, inputs) => {
    const shards = (tag: string) => [1, 2, 3].map((i) => `shard-${tag}-${i}.json`);
    for (const [tag, spill] of [
      ['kept', undefined],
      ['spilled', '0'],
    ] as const) {
      for (const [i, out] of shards(tag).entries()) await runWith(spill, [...inputs, '--shard', `${i + 1}/3`, '-f', `json:${out}`], out);
    }
    for (const i of [0, 1, 2]) expect(readFileSync(join(dir, shards('spilled')[i]!), 'utf8')).toBe(readFileSync(join(dir, shards('kept')[i]!), 'utf8'));
    // The merge of the in-memory merge is the reference: the same shards, merged with nothing spilled.
    for (const format of FORMAT_NAMES) {
      const kept = await runWith(undefined, ['merge', '-f', `${format}:merged-kept`, ...shards('kept')], 'merged-kept');
      expect(kept.file.length).toBeGreaterThan(100);
      for (const spill of ['0', '5']) {
        const spilled = await runWith(spill, ['merge', '-f', `${format}:merged-spilled`, ...shards('spilled')], 'merged-spilled');
        expect({ format, spill, ...spilled, stderr: spilled.stderr.replaceAll('spilled', 'kept') }).toEqual({ format, spill, ...kept });
      }
    }
    expect(readdirSync(temp)).toEqual([]);
  },
  240_000,
);

test.skipIf(process.platform === 'win32')(
  'Ctrl-C during a spilled run: the partial report, and no file left in the temp dir',
  async () => {
    const { spawn } = await import('node:child_process');
    const { existsSync } = await import('node:fs');
    const bin = join(ROOT, 'bin', 'dprk-check.js');
    if (!existsSync(join(ROOT, 'dist', 'cli', 'bundle.js'))) return;
    // Node 22+ keeps its code cache (compiled code, no data) in TMPDIR too: off, so what is left is ours.
    const env = { ...process.env, TMPDIR: temp, DPRK_CHECK_SPILL_AFTER: '0', NODE_DISABLE_COMPILE_CACHE: '1' };
    const p = spawn(process.execPath, [bin, '-f', 'json', '--no-progress', '-'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d));
    // Records, then the writer goes quiet without closing: the run waits for more until Ctrl-C.
    p.stdin.write(readFileSync(join(dir, 'farms.ndjson'), 'utf8').split('\n').slice(0, 40).join('\n') + '\n');
    setTimeout(() => p.kill('SIGINT'), 4000);
    const code = await new Promise<number | null>((resolve) => {
      const kill = setTimeout(() => (p.kill('SIGKILL'), resolve(null)), 30_000);
      p.on('exit', (c) => (clearTimeout(kill), resolve(c)));
    });
    expect(code).toBe(130);
    const report = JSON.parse(out) as { interrupted: boolean; summary: { total: number; evaluated: number }; applicants: unknown[] };
    expect(report.interrupted).toBe(true);
    // A machine this busy may not have read every record yet; the report is whole either way.
    expect(report.applicants.length).toBe(report.summary.evaluated);
    expect(readdirSync(temp)).toEqual([]);
  },
  60_000,
);

test('an exception on a linkage rule suppresses the same findings spilled or not (shared phones of the farms)', async () => {
  const cfg = join(dir, 'exceptions.yaml');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    cfg,
    [
      'exceptions:',
      '  - id: farm-switchboard',
      '    rule: linkage.shared-phone',
      '    reason: one agency switchboard',
      '    when:',
      '      field: equipment.shipTo.line1',
      '      contains: Farm Road',
      '',
    ].join('\n'),
  );
  const args = (out: string) => [...INPUTS, '--config', cfg, '-f', `json:${out}`];
  const kept = await runWith(undefined, args('exc-kept.json'), 'exc-kept.json');
  // The exception does hold: some applicants carry it as a suppression.
  expect(kept.file).toContain('"exception": "farm-switchboard"');
  for (const spill of ['0', '9']) {
    const spilled = await runWith(spill, args(`exc-${spill}.json`), `exc-${spill}.json`);
    expect({ spill, ...spilled, stderr: spilled.stderr.replaceAll(`exc-${spill}.json`, 'exc-kept.json') }).toEqual({ spill, ...kept });
  }
}, 120_000);
