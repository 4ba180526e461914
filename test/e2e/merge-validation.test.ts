import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/program.js';
import { memoryIO } from '../helpers/memory-io.js';

/**
 * `merge` reads reports back into the model; a report that was tampered with or written by
 * another tool must be refused with where it is wrong (file, JSON pointer, what), exit 2 and no
 * output, not merged with its wrong types read as zeros. Checked against schemas/report.schema.json.
 */

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;
/** A shard report as dprk-check writes it (laid out, so merge streams its lists). */
let good: string;

async function cli(args: string[]) {
  const m = memoryIO(dir);
  const code = await run(['--no-config', ...args], m.io);
  return { code, stdout: m.stdout(), stderr: m.stderr() };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dprk-merge-validate-'));
  copyFileSync(join(ROOT, 'fixtures/batch/export.ndjson'), join(dir, 'export.ndjson'));
  await cli(['--shard', '1/1', '-f', 'json:good.json', 'export.ndjson']);
  good = readFileSync(join(dir, 'good.json'), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tamper = (name: string, edit: (doc: Record<string, unknown>) => void, layout: 'laid-out' | 'minified' = 'laid-out') => {
  const doc = JSON.parse(good) as Record<string, unknown>;
  edit(doc);
  writeFileSync(join(dir, name), layout === 'laid-out' ? `${JSON.stringify(doc, null, 2)}\n` : JSON.stringify(doc));
  return name;
};
type Doc = { summary: Record<string, unknown>; applicants: Array<Record<string, unknown>>; errors: Array<Record<string, unknown>>; links: unknown };

describe('merge validates each report against the report schema', () => {
  test('a report as dprk-check wrote it merges (the schema fits what the tool writes)', async () => {
    const r = await cli(['merge', '-f', 'json:merged.json', 'good.json']);
    expect(r.stderr).not.toContain('report-invalid');
    // Merged, not refused: the records the shard could not check keep the exit code at 2, and the
    // merged summary is the shard's.
    expect(r.code).toBe(2);
    expect((JSON.parse(readFileSync(join(dir, 'merged.json'), 'utf8')) as Doc).summary).toEqual((JSON.parse(good) as Doc).summary);
    // And the merged report, written with the same contract, validates when merged again.
    expect((await cli(['merge', '-f', 'json:merged-again.json', 'merged.json'])).stderr).not.toContain('report-invalid');
  });

  test.each([
    ['a missing summary', (d: Doc) => delete (d as Partial<Doc>).summary, ['/summary: missing required field']],
    [
      'wrong types',
      (d: Doc) => {
        d.summary.total = 'many';
        d.links = {};
      },
      ['/summary/total: must be integer', '/links: must be array'],
    ],
    [
      'an applicant with a string score and an unknown level',
      (d: Doc) => {
        d.applicants[1]!.score = '78';
        d.applicants[2]!.level = 'severe';
      },
      ['/applicants/1/score: must be number', '/applicants/2/level: must be one of: "none", "low", "medium", "high", "critical"'],
    ],
    [
      'an error without its problems',
      (d: Doc) => {
        delete d.errors[0]!.problems;
      },
      ['/errors/0/problems: missing required field'],
    ],
  ] as const)('%s: refused with file, JSON pointer and message, exit 2, nothing written', async (what, edit, expected) => {
    for (const layout of ['laid-out', 'minified'] as const) {
      const file = tamper(`t-${what.replace(/\W+/g, '-')}-${layout}.json`, edit as (d: Record<string, unknown>) => void, layout);
      const out = `out-${layout}.json`;
      const r = await cli(['merge', '-f', `json:${out}`, 'good.json', file]);
      expect({ layout, code: r.code }).toEqual({ layout, code: 2 });
      for (const e of expected) expect(r.stderr).toContain(`${file}: error report-invalid: ${e}`);
      expect(r.stderr).toContain(`dprk-check: merge: ${file} is not a report dprk-check wrote`);
      expect(r.stderr).toContain('against schemas/report.schema.json');
      expect(r.stdout).toBe('');
      expect(existsSync(join(dir, out))).toBe(false);
    }
  });

  test('a foreign JSON document is refused the same way', async () => {
    writeFileSync(join(dir, 'foreign.json'), JSON.stringify({ results: [{ id: 'x', score: 'high' }] }));
    const r = await cli(['merge', 'foreign.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('foreign.json: error report-invalid: /tool: missing required field');
  });

  test('many problems: the first ten are shown and all are counted', async () => {
    const file = tamper('many.json', (d) => {
      for (const a of (d as Doc).applicants) a.score = String(a.score);
    });
    const n = (JSON.parse(good) as Doc).applicants.length;
    expect(n).toBeGreaterThan(10);
    const r = await cli(['merge', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.includes('error report-invalid'))).toHaveLength(10);
    expect(r.stderr).toContain(`(${n} problems against schemas/report.schema.json; ${n - 10} more not shown)`);
  });
});
