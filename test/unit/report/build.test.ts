import { describe, expect, test } from 'vitest';
import { buildReport, exitCodeFor } from '../../../src/report/build.js';
import type { ApplicantResult, RunError } from '../../../src/model/report.js';
import { FAIL_ON, LEVELS, levelRank, type FailOn, type Level } from '../../../src/model/levels.js';

const applicant = (id: string, level: Level): ApplicantResult => ({
  id,
  name: id,
  source: `${id}.json`,
  level,
  score: 0,
  findings: [],
  contributions: [],
  notEvaluated: [],
  warnings: [],
});
const meta = (failOn: FailOn) => ({ version: '1', rulesVersion: 'abc', rulesCount: 1, failOn, generatedAt: '2026-01-01T00:00:00Z' });
const broken: RunError = { source: 'b.json', location: { file: 'b.json' }, message: 'no such file', diagnostics: [] };

describe('buildReport', () => {
  test('counts by level and keeps input order', () => {
    const r = buildReport([applicant('a', 'high'), applicant('b', 'none'), applicant('c', 'high')], [broken], [], meta('high'));
    expect(r.summary).toEqual({ total: 4, evaluated: 3, invalid: 1, byLevel: { none: 1, low: 0, medium: 0, high: 2, critical: 0 } });
    expect(r.applicants.map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('exitCodeFor', () => {
  test('every level against every --fail-on', () => {
    for (const failOn of FAIL_ON) {
      for (const level of LEVELS) {
        const expected = failOn !== 'never' && levelRank(level) >= levelRank(failOn as Level) ? 1 : 0;
        expect(exitCodeFor(buildReport([applicant('a', level)], [], [], meta(failOn))), `${level} with --fail-on ${failOn}`).toBe(expected);
      }
    }
  });

  test('any record that could not be checked gives 2, even with --fail-on never', () => {
    expect(exitCodeFor(buildReport([applicant('a', 'critical')], [broken], [], meta('high')))).toBe(2);
    expect(exitCodeFor(buildReport([], [broken], [], meta('never')))).toBe(2);
  });

  test('level none never fails', () => {
    expect(exitCodeFor(buildReport([applicant('a', 'none')], [], [], meta('low')))).toBe(0);
  });
});
