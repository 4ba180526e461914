import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// The harness is plain JavaScript so `npm run fuzz` needs no build of its own; it runs the built CLI.
// @ts-expect-error no type declarations for the harness module
import { expectedBy, fuzz, knownFailures, regressions, regressionCases } from '../../fuzz/lib/harness.mjs';
// @ts-expect-error no type declarations for the harness module
import { accountProblems, checkFormat, processProblems } from '../../fuzz/lib/oracles.mjs';

interface Result {
  id: string;
  kind: string;
  ok: boolean;
  problems: string[];
  expected: string | null;
  ms: number;
  note?: string;
}
interface Figures {
  cases: number;
  runs: number;
  seconds: number;
  casesPerSecond: number;
  inputs: Record<string, number>;
  failures: Result[];
}

const ROOT = join(import.meta.dirname, '..', '..');
const known = knownFailures() as Record<string, string>;
const describeResult = (r: Result) =>
  `${r.id} (${r.kind}):\n${r.problems.map((p) => `    - ${p}`).join('\n')}${r.note ? `\n    input: ${r.note.split('\n')[0]!.slice(0, 200)}` : ''}`;

describe('fuzz oracles', () => {
  const run = (o: object) => ({ code: 0, signal: null, timedOut: false, stdout: '', stderr: '', ms: 1, ...o });
  it('see aborts, hangs, stack traces, internal errors and prototype changes', () => {
    expect(processProblems(run({}), 1000)).toEqual([]);
    expect(processProblems(run({ code: 134 }), 1000)).toEqual(['exit code 134']);
    expect(processProblems(run({ code: null, timedOut: true }), 1000)).toEqual(['hang: no exit within 1000 ms']);
    expect(processProblems(run({ code: 2, stderr: 'boom\n    at f (/x/y.js:1:2)\n' }), 1000)).toEqual(['stack trace in output']);
    expect(processProblems(run({ code: 2, stderr: 'dprk-check: internal error: x' }), 1000)[0]).toMatch(/^internal error/);
    expect(processProblems(run({ stderr: 'FUZZ-PROTOTYPE-POLLUTED: Object.prototype.x' }), 1000)).toEqual(['prototype polluted: Object.prototype.x']);
  });
  it('refuse outputs that are not valid in their format', () => {
    expect(() => checkFormat('json', '{"a":')).toThrow();
    expect(() => checkFormat('sarif', '{"version":"2.1.0"}')).toThrow(/SARIF/);
    expect(() => checkFormat('junit', '<testsuites><testsuite></testsuites>')).toThrow(/XML/);
    expect(() => checkFormat('csv', 'a,b\n1,2,3\n')).toThrow(/3 cells/);
    expect(() => checkFormat('csv', 'a,b\n"x"y,2\n')).toThrow(/after a closing quote/);
    expect(() => checkFormat('github', '::error::ok\nplain text\n')).toThrow(/no workflow command/);
    expect(() => checkFormat('csv', 'a,b\n"x\ny",2\n')).not.toThrow();
  });
  it('count every record once and the summary to add up', () => {
    const report = { summary: { total: 2, evaluated: 1, invalid: 1, byLevel: { none: 1 } }, applicants: [{ source: 'f#1' }], errors: [{ source: 'f#2' }] };
    expect(accountProblems(report, ['f#1', 'f#2'])).toEqual([]);
    expect(accountProblems(report, ['f#1', 'f#2', 'f#3'])).toEqual(['records not accounted for: f#3', 'summary.total 2, records given 3']);
    expect(accountProblems({ ...report, summary: { ...report.summary, invalid: 0 } }, null)).toEqual(['summary: evaluated 1 + invalid 0 ≠ total 2']);
  });
});

describe('fuzz harness: regressions and seeds', () => {
  it('every issue-14 defect has a regression case', () => {
    const ids = (regressionCases() as Array<{ id: string }>).map((c) => c.id);
    for (const id of [
      'issue14-deep-unparsable-line',
      'issue14-deep-schema-invalid',
      'issue14-constructor-way',
      'issue14-constructor-trading',
      'issue14-lever-createdat-1e21',
      'issue14-template-proto',
      'issue14-template-constructor',
      'issue14-requires-tostring',
      'issue14-config-disable-stars',
      'issue14-regex-attacks-validate',
      'issue14-regex-attacks-run',
      'issue14-fifo-in-input-dir',
    ])
      expect(ids).toContain(id);
  });

  it('known-failures.json names only cases that exist (or signatures), each with a reason', () => {
    const ids = new Set((regressionCases() as Array<{ id: string }>).map((c) => c.id));
    for (const [key, why] of Object.entries(known)) {
      expect(key.startsWith('signature:') || ids.has(key), `${key} is a regression id or a signature:`).toBe(true);
      expect(why.length, key).toBeGreaterThan(10);
    }
    expect(JSON.parse(readFileSync(join(ROOT, 'fuzz/known-failures.json'), 'utf8'))).toEqual(known);
  });

  it('seeds and regressions pass, except those listed in fuzz/known-failures.json — and those still fail', async () => {
    const results = (await regressions()) as Result[];
    const unexpected = results.filter((r) => !r.ok && !r.expected);
    const nowPassing = results.filter((r) => r.ok && known[r.id]);
    const stillKnown = results.filter((r) => !r.ok && r.expected);
    // Visible in the CI log: what is expected to fail until the fixes are merged, and why.
    if (stillKnown.length)
      console.log(`fuzz regressions failing as known (${stillKnown.length}):\n${stillKnown.map((r) => `  ${r.id}: ${r.problems[0]}`).join('\n')}`);
    expect(unexpected.map(describeResult), 'new failures: fix them, or list them in fuzz/known-failures.json with a reason').toEqual([]);
    expect(
      nowPassing.map((r) => r.id),
      'these pass now: remove them from fuzz/known-failures.json',
    ).toEqual([]);
    expect(results.filter((r) => r.id.startsWith('seed:')).every((r) => r.ok)).toBe(true);
  }, 240_000);
});

describe('fuzz harness: a short random run', () => {
  it('mutated records, rule files, configs and CSVs: nothing fails that is not known', async () => {
    const seed = process.env.FUZZ_SEED ?? 'ci';
    const figures = (await fuzz({ seed, count: Number(process.env.FUZZ_COUNT ?? 300), seconds: Number(process.env.FUZZ_SECONDS ?? 40) })) as Figures;
    const unexpected = figures.failures.filter((f) => !expectedBy(known, f));
    console.log(
      `fuzz: seed ${seed}: ${figures.cases} cases (${figures.inputs.records} records, ${figures.inputs.rules} rule files, ${figures.inputs.configs} configs, ${figures.inputs.csv} CSVs), ${figures.runs} CLI runs in ${figures.seconds.toFixed(1)} s (${figures.casesPerSecond.toFixed(2)} cases/s); ${figures.failures.length} failing, ${unexpected.length} unexpected`,
    );
    expect(figures.cases).toBeGreaterThanOrEqual(8);
    for (const kind of ['records', 'rules', 'configs', 'csv']) expect(figures.inputs[kind], kind).toBeGreaterThan(0);
    expect(unexpected.map(describeResult), `reproduce: npm run fuzz -- --seed ${seed} --save`).toEqual([]);
  }, 180_000);
});
