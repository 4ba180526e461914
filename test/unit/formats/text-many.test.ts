import { describe, expect, test } from 'vitest';
import { FORMATS } from '../../../src/formats/index.js';
import { redactReport } from '../../../src/redact/redact-report.js';
import { buildReport } from '../../../src/report/build.js';
import type { ApplicantResult, Report } from '../../../src/model/report.js';
import type { Level } from '../../../src/model/levels.js';

function applicant(id: string, name: string, level: Level, score: number): ApplicantResult {
  const findings =
    level === 'none'
      ? []
      : [
          {
            ruleId: 'payroll.crypto-payout',
            family: 'payroll' as const,
            severity: 'high' as const,
            title: `Salary to a crypto wallet (${id})`,
            message: `${name} asks to be paid in crypto.`,
            evidence: [],
            references: [],
            falsepositives: [],
            next: 'Screen the wallet.',
          },
        ];
  return {
    id,
    name,
    source: `e.ndjson#${id.slice(5)}`,
    location: { file: 'e.ndjson', line: Number(id.slice(5)) },
    level,
    score,
    findings,
    contributions: [],
    notEvaluated: [],
    warnings: [],
  };
}

const report: Report = buildReport(
  [
    applicant('cand-1', 'Ann Low', 'low', 12),
    applicant('cand-2', 'Bo Critical', 'critical', 95),
    applicant('cand-3', 'Cy None', 'none', 0),
    applicant('cand-4', 'Di High', 'high', 61),
    applicant('cand-5', 'Ed High Higher', 'high', 77),
  ],
  [],
  [],
  { version: '0.0.0', rulesVersion: 'r', rulesCount: 1, failOn: 'high', generatedAt: '2026-11-01T00:00:00Z' },
);
const text = (r: Report, extra: object = {}) => FORMATS.text.format(r, { color: false, rulesCount: 1, ...extra });
const order = (out: string) => [...out.matchAll(/cand-\d/g)].map((m) => m[0]).filter((id, i, all) => all.indexOf(id) === i);

describe('text for many applicants', () => {
  test('a table worst first (level, then score), with names and the top finding', () => {
    const out = text(report);
    expect(order(out)).toEqual(['cand-2', 'cand-5', 'cand-4', 'cand-1', 'cand-3']);
    const row = out.split('\n').find((l) => l.startsWith('cand-5'))!;
    expect(row).toMatch(/^cand-5 +Ed High Higher +high +77 +1 +Salary to a crypto wallet \(cand-5\) +e\.ndjson#5$/);
    expect(out).toContain('--details shows');
  });

  test('names are masked when the report is', () => {
    const out = text(redactReport(report));
    expect(out).not.toMatch(/Ann Low|Bo Critical|Ed High/);
    expect(out.split('\n').find((l) => l.startsWith('cand-2'))).toMatch(/^cand-2 +\[name\] +critical/);
  });

  test('--details: the full block of every applicant, worst first', () => {
    const out = text(report, { details: true });
    expect(order(out)).toEqual(['cand-2', 'cand-5', 'cand-4', 'cand-1', 'cand-3']);
    expect(out).toContain('Applicant cand-3 — Cy None');
    expect(out.match(/verify +Screen the wallet\./g)).toHaveLength(4);
    expect(out).not.toContain('--details shows');
  });

  test('--only-flagged leaves out those below --fail-on, and says how many; the totals still count everyone', () => {
    const out = text(report, { onlyFlagged: true });
    expect(order(out)).toEqual(['cand-2', 'cand-5', 'cand-4']);
    expect(out).toContain('2 applicants below --fail-on high not shown (--only-flagged)');
    expect(out).toContain('5 records: 5 checked');
    const both = text(report, { onlyFlagged: true, details: true });
    expect(order(both)).toEqual(['cand-2', 'cand-5', 'cand-4']);
    expect(both).toContain('Applicant cand-4 — Di High');
  });
});
