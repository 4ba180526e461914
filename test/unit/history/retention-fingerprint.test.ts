import { describe, expect, test } from 'vitest';
import { cutoff, parseRetention } from '../../../src/history/retention.js';
import { findingsFingerprint } from '../../../src/history/fingerprint.js';
import { onlyNew } from '../../../src/history/session.js';
import type { ApplicantResult } from '../../../src/model/report.js';

describe('retention', () => {
  test('days, weeks, months and years; nothing else', () => {
    expect(parseRetention('365d')).toBe(365);
    expect(parseRetention(' 52w ')).toBe(364);
    expect(parseRetention('12m')).toBe(360);
    expect(parseRetention('1Y')).toBe(365);
    for (const bad of ['0d', 'forever', '10', '-5d', '1.5y', '']) expect(parseRetention(bad)).toBeUndefined();
    expect(cutoff(new Date('2026-09-14T00:00:00Z'), 30)).toBe('2026-08-15T00:00:00.000Z');
  });
});

describe('a review holds while the same rules fire', () => {
  test('the fingerprint is the set of rule ids: order and repeats do not matter, a new rule does', () => {
    expect(findingsFingerprint(['b', 'a', 'a'])).toBe(findingsFingerprint(['a', 'b']));
    expect(findingsFingerprint(['a', 'b', 'c'])).not.toBe(findingsFingerprint(['a', 'b']));
    expect(findingsFingerprint([])).toMatch(/^[0-9a-f]{16}$/);
  });

  test('--new-only keeps applicants without a standing decision, and the links they are in', () => {
    const a = (id: string, unchanged?: boolean): ApplicantResult => ({
      id,
      name: id,
      source: 's',
      location: { file: 's' },
      level: 'high',
      score: 60,
      findings: [],
      contributions: [],
      notEvaluated: [],
      warnings: [],
      ...(unchanged === undefined ? {} : { review: { decision: { status: 'cleared', note: 'n', by: 'x', at: '2026-01-01' }, unchanged } }),
    });
    const links = [
      { kind: 'shared-phone', value: 'v', applicants: ['r', 'n'] },
      { kind: 'shared-phone', value: 'w', applicants: ['r', 'r2'] },
    ];
    const out = onlyNew([a('r', true), a('n'), a('c', false), a('r2', true)], links);
    expect(out.applicants.map((x) => x.id)).toEqual(['n', 'c']);
    expect(out.left).toBe(2);
    expect(out.links).toEqual([links[0]]);
  });
});
