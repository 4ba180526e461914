import { describe, expect, test } from 'vitest';
import { FORMAT_NAMES, FORMATS } from '../../../src/formats/index.js';
import { toContract } from '../../../src/formats/json.js';
import { toSarif, writeSarif, GITHUB_LIMITS } from '../../../src/formats/sarif.js';
import { ANNOTATIONS_PER_KIND, toGithub } from '../../../src/formats/github.js';
import { buildReport } from '../../../src/report/build.js';
import type { ApplicantResult, Report } from '../../../src/model/report.js';
import { fixtureReport } from '../../helpers/fixture-report.js';

const { report, rules } = fixtureReport();
const ctx = { color: false, rulesCount: rules.length, rules };

function applicant(i: number, level: ApplicantResult['level'] = 'none', score = 0): ApplicantResult {
  const findings =
    level === 'none'
      ? []
      : [
          {
            ruleId: 'payroll.crypto-payout',
            family: 'payroll' as const,
            severity: level === 'critical' ? ('critical' as const) : ('medium' as const),
            title: 'Salary to a crypto wallet',
            message: `m${i}`,
            evidence: [],
            references: [],
            falsepositives: [],
            next: 'Verify.',
          },
        ];
  return {
    id: `cand-${i}`,
    name: `Person ${i}`,
    source: `big.ndjson#${i + 1}`,
    location: { file: 'big.ndjson', line: i + 1 },
    level,
    score,
    findings,
    contributions: [],
    notEvaluated: [],
    warnings: [],
  };
}

function bigReport(n: number, make: (i: number) => ApplicantResult = (i) => applicant(i)): Report {
  const applicants = Array.from({ length: n }, (_, i) => make(i));
  return buildReport(applicants, [], [], { version: '0.0.0', rulesVersion: 'r', rulesCount: 0, failOn: 'high', generatedAt: '2026-11-01T00:00:00Z' });
}

describe('formats write chunks, never one string', () => {
  test('every format writes more than one chunk for a report of many applicants', () => {
    const r = bigReport(50, (i) => applicant(i, i % 2 ? 'high' : 'none', 70));
    for (const name of FORMAT_NAMES) {
      const chunks: string[] = [];
      FORMATS[name].write(r, ctx, (c) => chunks.push(c));
      expect({ name, many: chunks.length > 5 }).toEqual({ name, many: true });
    }
  });

  test('the streamed JSON is byte for byte JSON.stringify of the contract', () => {
    expect(FORMATS.json.format(report, ctx)).toBe(`${JSON.stringify(toContract(report), null, 2)}\n`);
    const empty = { ...report, applicants: [], links: [], errors: [] };
    expect(FORMATS.json.format(empty, ctx)).toBe(`${JSON.stringify(toContract(empty), null, 2)}\n`);
    const sharded = {
      ...report,
      shard: { index: 1, count: 2, otherShards: 3 },
      linkKeys: [{ id: 'a', source: 's', person: '0', keys: ['k'] }],
      interrupted: true,
    };
    expect(FORMATS.json.format(sharded, ctx)).toBe(`${JSON.stringify(toContract(sharded), null, 2)}\n`);
  });

  test('the streamed SARIF is byte for byte JSON.stringify of the log, with and without results', () => {
    for (const r of [report, { ...report, applicants: [] }]) {
      const parts: string[] = [];
      writeSarif(r, { rules }, (c) => parts.push(c));
      expect(parts.join('')).toBe(`${JSON.stringify(toSarif(r, { rules }), null, 2)}\n`);
    }
  });

  test('SARIF over the limit keeps the most severe and the highest scores, in input order, and says so', () => {
    const r = bigReport(40, (i) => applicant(i, i % 4 === 0 ? 'critical' : 'medium', i % 4 === 0 ? 100 : i));
    const log = toSarif(r, { rules }, { ...GITHUB_LIMITS, resultsPerRun: 15 });
    const ids = log.runs[0]!.results.map((x) => x.properties.applicantId);
    // 10 critical (score 100), then the 5 medium with the highest scores (39, 38, 37, 35, 34).
    expect(ids).toEqual([
      'cand-0',
      'cand-4',
      'cand-8',
      'cand-12',
      'cand-16',
      'cand-20',
      'cand-24',
      'cand-28',
      'cand-32',
      'cand-34',
      'cand-35',
      'cand-36',
      'cand-37',
      'cand-38',
      'cand-39',
    ]);
    expect(log.runs[0]!.properties.truncated).toEqual({ findings: 40, included: 15, limit: 15 });
    expect(JSON.stringify(log.runs[0]!.invocations[0]!.toolExecutionNotifications)).toContain('40 findings exceed the 15 results');
  });

  test('github: at most 10 annotations of each kind (what GitHub shows per step), the worst first, and how many were left out', () => {
    const r = bigReport(60, (i) => applicant(i, i < 25 ? 'critical' : 'medium', i < 25 ? 90 + (i % 10) : 50));
    const lines = toGithub(r).trimEnd().split('\n');
    const kinds = (k: string) => lines.filter((l) => l.startsWith(`::${k} `)).length;
    expect(kinds('error')).toBe(ANNOTATIONS_PER_KIND);
    expect(kinds('warning')).toBe(ANNOTATIONS_PER_KIND);
    expect(kinds('notice')).toBe(1);
    expect(lines.filter((l) => l.startsWith('::error ')).every((l) => /critical risk/.test(l))).toBe(true);
    expect(lines[0]).toContain('applicant cand-9'); // score 99 first
    expect(lines.at(-1)).toContain('40 annotations left out (15 errors%2C 25 warnings)'.replace('%2C', ','));
  });

  test('the text table of 200,000 applicants is written (no spread of a huge array)', () => {
    const r = bigReport(200_000);
    let lines = 0;
    FORMATS.text.write(r, ctx, (c) => (lines += c.split('\n').length - 1));
    expect(lines).toBeGreaterThan(200_000);
  });
});
