import { describe, expect, test } from 'vitest';
import { FORMATS } from '../../../src/formats/index.js';
import { DISCLAIMER } from '../../../src/formats/disclaimer.js';
import { buildReport } from '../../../src/report/build.js';
import { blankResult } from '../../../src/report/blank-result.js';
import { parseCsv } from '../../helpers/csv-parse.js';
import { fixtureReport } from '../../helpers/fixture-report.js';
import { runCli } from '../../helpers/cli.js';

const meta = { version: '0.0.0', rulesVersion: 'r', rulesCount: 1, failOn: 'high' as const, generatedAt: '2026-11-01T00:00:00Z' };
const ctx = { color: false, rulesCount: 1 };

describe('papercuts (issue 8)', () => {
  test('no "signals, not a verdict" disclaimer when no record was checked; it is there when one was', () => {
    const none = buildReport([], [{ source: 'a.json', location: { file: 'a.json' }, message: 'not valid JSON', diagnostics: [] }], [], meta);
    expect(FORMATS.text.format(none, ctx)).not.toContain('not a verdict');
    expect(FORMATS.markdown.format(none, ctx)).not.toContain('not a verdict');
    expect(FORMATS.markdown.format(none, ctx)).not.toContain('No applicant was flagged');
    const { report } = fixtureReport();
    expect(FORMATS.text.format(report, ctx)).toContain(DISCLAIMER.slice(0, 40));
    expect(FORMATS.markdown.format(report, ctx)).toContain(DISCLAIMER);
  });

  test('a clean applicant reads "No red flags found…" once, not also "No scored findings."', () => {
    const clean = buildReport([blankResult('c', { file: 'c.json' }, 'C')], [], [], meta);
    const out = FORMATS.text.format(clean, ctx);
    expect(out).toContain('No red flags found by the rules that could run.');
    expect(out).not.toContain('No scored findings.');
  });

  test('CSV: --help, the README and the file agree: one row per record, invalid ones included', async () => {
    const help = await runCli(['--help'], { cwd: process.cwd() });
    expect(help.stdout).toMatch(/csv\s+one row per record/);
    expect(help.stdout).not.toContain('one row per applicant');
    const { report } = fixtureReport();
    const rows = parseCsv(FORMATS.csv.format(report, ctx));
    expect(rows.length - 1).toBe(report.summary.total);
  });

  test('counts agree with their noun: "(1 rule)" in the text header, "Showing all 1 applicant" in HTML', () => {
    const one = buildReport([blankResult('c', { file: 'c.json' }, 'C')], [], [], meta);
    const header = FORMATS.text.format(one, ctx).split('\n')[0]!;
    expect(header).toMatch(/ \(1 rule\)$/);
    expect(FORMATS.text.format(one, { ...ctx, rulesCount: 2 }).split('\n')[0]).toMatch(/ \(2 rules\)$/);
    const html = FORMATS.html.format(one, ctx);
    expect(html).toContain('Showing all 1 applicant, highest risk first.');
  });
});
