import { describe, expect, test } from 'vitest';
import { enrich } from '../../../src/enrich/index.js';
import type { Applicant } from '../../../src/model/applicant.js';

const base: Applicant = { id: 'cand-1', name: { full: 'Jordan Miller' } };

describe('timeline facts', () => {
  test('ageAtApplication in whole years, birthday counted', () => {
    expect(enrich({ ...base, dateOfBirth: '1991-03-14', appliedAt: '2026-03-13' }).derived.ageAtApplication).toBe(34);
    expect(enrich({ ...base, dateOfBirth: '1991-03-14', appliedAt: '2026-03-14T09:00:00Z' }).derived.ageAtApplication).toBe(35);
    expect(enrich({ ...base, dateOfBirth: '1991-03-14' }).derived).not.toHaveProperty('ageAtApplication');
  });

  const overlaps = (employment: Applicant['employment'], appliedAt?: string) =>
    enrich({ ...base, employment, ...(appliedAt ? { appliedAt } : {}) }).derived.employmentOverlaps as
      Array<{ first: string; second: string; overlapDays: number }> | undefined;

  test('two full-time jobs overlapping by more than three months', () => {
    const o = overlaps([
      { employer: 'Acme', start: '2020-01-01', end: '2021-12-31' },
      { employer: 'Globex', start: '2021-06-01', end: '2023-01-01', type: 'full_time' },
    ]);
    expect(o).toHaveLength(1);
    expect(o![0]!.first).toContain('employment[0] Acme');
    expect(o![0]!.second).toContain('employment[1] Globex');
    expect(o![0]!.overlapDays).toBe(213);
  });

  test('part-time, contract, freelance and internship jobs may overlap', () => {
    for (const type of ['part_time', 'contract', 'freelance', 'internship'] as const) {
      expect(
        overlaps([
          { employer: 'Acme', start: '2020-01-01', end: '2022-01-01' },
          { employer: 'Side', start: '2020-06-01', end: '2021-06-01', type },
        ]),
        type,
      ).toBeUndefined();
    }
  });

  test('a short notice-period overlap is not two jobs at once', () => {
    expect(
      overlaps([
        { employer: 'Acme', start: '2018-01-01', end: '2021-03-15' },
        { employer: 'Globex', start: '2021-01-01', end: '2024-01-01' },
      ]),
    ).toBeUndefined();
  });

  test('a job without an end runs until the application date', () => {
    const jobs = [
      { employer: 'Acme', start: '2024-01-01' },
      { employer: 'Globex', start: '2025-01-01' },
    ];
    expect(overlaps(jobs, '2026-01-01')).toHaveLength(1);
    expect(overlaps(jobs)).toBeUndefined(); // no end and no application date: cannot tell
  });

  test('jobs one after the other do not overlap', () => {
    expect(
      overlaps([
        { employer: 'Acme', start: '2015-01', end: '2019-12' },
        { employer: 'Globex', start: '2020-01', end: '2024-01' },
      ]),
    ).toBeUndefined();
  });
});
