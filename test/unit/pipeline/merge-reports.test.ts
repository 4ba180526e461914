import { describe, expect, test } from 'vitest';
import { mergeReports } from '../../../src/pipeline/merge-reports.js';
import type { ApplicantResult, Report } from '../../../src/model/report.js';
import { parseSource } from '../../../src/model/source-location.js';

const applicant = (id: string, source: string, extra: Partial<ApplicantResult> = {}): ApplicantResult => ({
  id,
  name: '',
  source,
  location: parseSource(source),
  level: 'none',
  score: 0,
  findings: [],
  contributions: [],
  notEvaluated: [],
  warnings: [],
  ...extra,
});
const report = (applicants: ApplicantResult[], extra: Partial<Report> = {}): Report => ({
  tool: { name: 'dprk-check', version: '0.1.0', rulesVersion: 'r1' },
  generatedAt: '2026-01-01T00:00:00Z',
  failOn: 'high',
  summary: { total: 0, evaluated: 0, invalid: 0, byLevel: { none: 0, low: 0, medium: 0, high: 0, critical: 0 } },
  applicants,
  links: [],
  errors: [],
  ...extra,
});
const opts = { generatedAt: '2026-01-02T00:00:00Z' };

describe('mergeReports', () => {
  test('with link keys, links are found across reports and the members re-scored', () => {
    const keyA = { id: 'a', source: 'x#1', person: '00000001', keys: ['bank-account:00000000000000aa:0', 'id:0000000000000001:0'] };
    const keyB = { id: 'b', source: 'x#2', person: '00000002', keys: ['bank-account:00000000000000aa:0', 'id:0000000000000002:0'] };
    const { report: r, recomputed } = mergeReports(
      [
        { file: '1.json', report: report([applicant('a', 'x#1')], { linkKeys: [keyA], shard: { index: 1, count: 2, otherShards: 1 } }) },
        { file: '2.json', report: report([applicant('b', 'x#2')], { linkKeys: [keyB], shard: { index: 2, count: 2, otherShards: 1 } }) },
      ],
      opts,
    );
    expect(recomputed).toBe(true);
    expect(r.links).toEqual([expect.objectContaining({ kind: 'shared-payout-account', value: '#00000000000000aa', applicants: ['a', 'b'] })]);
    expect(r.applicants.map((a) => a.level)).toEqual(['critical', 'critical']);
    expect(r.summary).toMatchObject({ total: 2, evaluated: 2, invalid: 0 });
    expect(r.errors).toEqual([]);
  });

  test('link keys out of step with the applicants (a report edited by hand) are found by source and id: the same merge', () => {
    const key = (id: string, n: number, account: string) => ({ id, source: `x#${n}`, person: `0000000${n}`, keys: [`bank-account:${account}:0`] });
    const shard1 = [applicant('a', 'x#1'), applicant('c', 'x#3'), applicant('e', 'x#5')];
    const keys1 = [key('a', 1, '00000000000000aa'), key('c', 3, '00000000000000cc'), key('e', 5, '00000000000000aa')];
    const shard2 = [applicant('b', 'x#2'), applicant('d', 'x#4')];
    const keys2 = [key('b', 2, '00000000000000cc'), key('d', 4, '00000000000000dd')];
    const merge = (k1: typeof keys1, k2: typeof keys2) =>
      mergeReports(
        [
          { file: '1.json', report: report(structuredClone(shard1), { linkKeys: k1 }) },
          { file: '2.json', report: report(structuredClone(shard2), { linkKeys: k2 }) },
        ],
        opts,
      ).report;
    const inStep = merge(keys1, keys2);
    expect(inStep.links.map((l) => l.applicants)).toEqual([
      ['a', 'e'],
      ['b', 'c'],
    ]);
    expect([...inStep.linkKeys!].map((k) => k.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    const outOfStep = merge([...keys1].reverse(), [keys2[1]!, keys2[0]!]);
    expect(outOfStep.links).toEqual(inStep.links);
    expect([...outOfStep.applicants]).toEqual([...inStep.applicants]);
    expect([...outOfStep.linkKeys!]).toEqual([...inStep.linkKeys!]);
  });

  test("a shard's own linkage findings are replaced, not doubled", () => {
    const linked = applicant('a', 'x#1', {
      level: 'high',
      score: 60,
      findings: [
        { ruleId: 'linkage.shared-phone', family: 'linkage', severity: 'high', title: 't', evidence: [], references: [], falsepositives: [], next: '' },
      ],
    });
    const { report: r } = mergeReports([{ file: '1.json', report: report([linked], { linkKeys: [{ id: 'a', source: 'x#1', person: '1', keys: [] }] }) }], opts);
    expect(r.applicants[0]).toMatchObject({ level: 'none', score: 0, findings: [] });
  });

  test('without link keys, each report keeps its links, marked shard-local, and a note says why', () => {
    const link = { kind: 'shared-phone', severity: 'high' as const, value: 'v', key: 'k', applicants: ['a', 'b'], sources: ['x#1', 'x#2'] };
    const { report: r, notes, recomputed } = mergeReports([{ file: '1.json', report: report([applicant('a', 'x#1')], { links: [link] }) }], opts);
    expect(recomputed).toBe(false);
    expect(r.links).toEqual([{ ...link, scope: 'shard-local' }]);
    expect(notes[0]).toMatch(/1\.json carries no link keys/);
  });

  test('a missing shard is an error (its records were never checked), so the merged run exits 2', () => {
    const { report: r } = mergeReports([{ file: '1.json', report: report([], { shard: { index: 1, count: 3, otherShards: 0 } }) }], opts);
    expect(r.errors.map((e) => e.source)).toEqual(['shard 2/3', 'shard 3/3']);
    expect(r.summary.invalid).toBe(2);
  });

  test('the same record in two reports is kept once, with a note', () => {
    const { report: r, notes } = mergeReports(
      [
        { file: '1.json', report: report([applicant('a', 'x#1')]) },
        { file: '2.json', report: report([applicant('a', 'x#1')]) },
      ],
      opts,
    );
    expect(r.applicants).toHaveLength(1);
    expect(notes).toContain('x#1 (a) appears in more than one report; kept once');
  });
});
