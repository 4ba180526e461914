import { describe, expect, test } from 'vitest';
import type { Facts } from '../../../src/model/applicant.js';
import type { CompiledException } from '../../../src/model/exception.js';
import type { Finding } from '../../../src/model/finding.js';
import type { ApplicantResult } from '../../../src/model/report.js';
import { applyExceptions, unusedExceptions } from '../../../src/evaluate/exceptions.js';

const finding = (ruleId: string): Finding => ({
  ruleId,
  family: 'network',
  severity: 'high',
  title: `title of ${ruleId}`,
  evidence: [],
  references: [],
  falsepositives: [],
  next: 'verify',
});

const facts = { id: 'a', name: { full: 'A B' }, derived: {} } as unknown as Facts;

function exception(id: string, ruleIds: string[], holds: boolean, calls?: { n: number }): CompiledException {
  return {
    id,
    reason: `reason ${id}`,
    ruleIds: new Set(ruleIds),
    patterns: ruleIds,
    source: { file: '.dprk-check.yaml', line: 7, column: 5 },
    matches: () => {
      if (calls) calls.n++;
      return holds;
    },
  };
}

describe('applyExceptions', () => {
  test('suppresses only covered findings, and only when the condition holds', () => {
    const out = applyExceptions(
      facts,
      [finding('network.a'), finding('network.b'), finding('identity.c')],
      [exception('holds', ['network.a'], true), exception('does-not-hold', ['network.b'], false)],
    );
    expect(out.findings.map((f) => f.ruleId)).toEqual(['network.b', 'identity.c']);
    expect(out.suppressed).toEqual([
      { ruleId: 'network.a', title: 'title of network.a', severity: 'high', exception: 'holds', reason: 'reason holds', source: '.dprk-check.yaml:7' },
    ]);
  });

  test('the first exception that covers a finding is the one named', () => {
    const out = applyExceptions(facts, [finding('network.a')], [exception('first', ['network.a'], true), exception('second', ['network.a'], true)]);
    expect(out.suppressed.map((s) => s.exception)).toEqual(['first']);
  });

  test('a condition is tested once per applicant, and never when it covers no finding', () => {
    const used = { n: 0 };
    const idle = { n: 0 };
    applyExceptions(
      facts,
      [finding('network.a'), finding('network.b')],
      [exception('both', ['network.a', 'network.b'], false, used), exception('idle', ['payroll.x'], true, idle)],
    );
    expect(used.n).toBe(1);
    expect(idle.n).toBe(0);
  });

  test('no exceptions: the same findings come back', () => {
    const fs = [finding('network.a')];
    expect(applyExceptions(facts, fs, []).findings).toBe(fs);
  });
});

describe('unusedExceptions', () => {
  const result = (suppressed: string[]): ApplicantResult => ({
    id: 'a',
    name: 'A',
    source: 'a.json',
    location: { file: 'a.json' },
    level: 'none',
    score: 0,
    findings: [],
    contributions: [],
    notEvaluated: [],
    warnings: [],
    suppressed: suppressed.map((e) => ({ ruleId: 'r', title: 't', severity: 'low', exception: e, reason: 'r', source: 'x:1' })),
  });

  test('names each exception that suppressed nothing in the run, where it is defined', () => {
    const ds = unusedExceptions([exception('used', ['r'], true), exception('stale', ['r'], true)], [result(['used']), result([])]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'config-unused', severity: 'warning', file: '.dprk-check.yaml', line: 7 });
    expect(ds[0]!.message).toBe("exception 'stale' suppressed no finding in this run (2 applicants checked)");
  });
});
