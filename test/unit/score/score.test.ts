import { describe, expect, test } from 'vitest';
import { familyStrength, levelFor, score, SEVERITY_WEIGHT } from '../../../src/score/score.js';
import { FAMILIES, LEVELS, levelRank, SEVERITIES, type Family, type Severity } from '../../../src/model/levels.js';
import type { Finding } from '../../../src/model/finding.js';
import { pick, prng } from '../../helpers/prng.js';

let serial = 0;
function finding(family: Family, severity: Severity): Finding {
  serial++;
  return {
    ruleId: `${family}.rule-${serial}`,
    family,
    severity,
    title: `finding ${serial}`,
    evidence: [],
    references: [],
    falsepositives: [],
    next: 'verify',
  };
}

function randomFindings(rand: () => number, max = 8): Finding[] {
  const n = Math.floor(rand() * (max + 1));
  return Array.from({ length: n }, () => finding(pick(rand, FAMILIES), pick(rand, SEVERITIES)));
}

const RUNS = 2000;
const SEED = 20261002;

describe('score properties over random finding sets', () => {
  test('bounded: an integer in 0..100, with a level that agrees with the thresholds', () => {
    const rand = prng(SEED);
    for (let i = 0; i < RUNS; i++) {
      const s = score(randomFindings(rand, 12));
      expect(Number.isInteger(s.score)).toBe(true);
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(100);
      expect(s.level).toBe(levelFor(s.score));
    }
  });

  test('monotone: adding any finding never lowers the score or the level', () => {
    const rand = prng(SEED + 1);
    for (let i = 0; i < RUNS; i++) {
      const base = randomFindings(rand);
      const extra = finding(pick(rand, FAMILIES), pick(rand, SEVERITIES));
      const before = score(base);
      const after = score([...base, extra]);
      expect(after.score, `adding ${extra.severity} ${extra.family} to ${base.map((f) => `${f.severity}/${f.family}`).join(',')}`).toBeGreaterThanOrEqual(
        before.score,
      );
      expect(levelRank(after.level)).toBeGreaterThanOrEqual(levelRank(before.level));
    }
  });

  test('monotone at full precision too (familyStrength never decreases when a weight is added)', () => {
    const rand = prng(SEED + 2);
    const weights = Object.values(SEVERITY_WEIGHT);
    for (let i = 0; i < RUNS; i++) {
      const ws = Array.from({ length: Math.floor(rand() * 10) }, () => pick(rand, weights));
      const w = pick(rand, weights);
      expect(familyStrength([...ws, w])).toBeGreaterThanOrEqual(familyStrength(ws) - 1e-12);
    }
  });

  test('order of findings does not matter', () => {
    const rand = prng(SEED + 3);
    for (let i = 0; i < 500; i++) {
      const fs = randomFindings(rand);
      const shuffled = [...fs].sort(() => rand() - 0.5);
      expect(score(shuffled).score).toBe(score(fs).score);
    }
  });

  test('one critical finding makes the level critical, whatever else there is', () => {
    const rand = prng(SEED + 4);
    for (let i = 0; i < RUNS; i++) {
      const s = score([...randomFindings(rand), finding(pick(rand, FAMILIES), 'critical')]);
      expect(s.level).toBe('critical');
    }
  });

  test('one low or one medium finding alone never reaches high, in any family', () => {
    for (const family of FAMILIES) {
      for (const severity of ['low', 'medium'] as const) {
        const s = score([finding(family, severity)]);
        expect(levelRank(s.level), `${severity} in ${family}`).toBeLessThan(levelRank('high'));
        expect(s.score).toBeGreaterThan(0);
      }
    }
  });

  test('two findings in different families score higher than the same two in one family', () => {
    const rand = prng(SEED + 5);
    const scored: Severity[] = ['low', 'medium', 'high'];
    for (let i = 0; i < RUNS; i++) {
      const [f1, f2] = [pick(rand, FAMILIES), pick(rand, FAMILIES)];
      if (f1 === f2) continue;
      const [s1, s2] = [pick(rand, scored), pick(rand, scored)];
      const apart = score([finding(f1, s1), finding(f2, s2)]).score;
      const together = score([finding(f1, s1), finding(f1, s2)]).score;
      expect(apart, `${s1}/${f1} + ${s2}/${f2}`).toBeGreaterThan(together);
    }
  });

  test('with a critical finding involved, corroboration cannot add to 100 but never subtracts', () => {
    for (const other of SEVERITIES) {
      const apart = score([finding('identity', 'critical'), finding('payroll', other)]).score;
      const together = score([finding('identity', 'critical'), finding('identity', other)]).score;
      expect(apart).toBeGreaterThanOrEqual(together);
      expect(apart).toBe(100);
    }
  });

  test('info findings score 0, however many, in any families', () => {
    const rand = prng(SEED + 6);
    for (let i = 0; i < 200; i++) {
      const infos = Array.from({ length: 1 + Math.floor(rand() * 20) }, () => finding(pick(rand, FAMILIES), 'info'));
      const s = score(infos);
      expect(s.score).toBe(0);
      expect(s.level).toBe('none');
    }
  });

  test('no findings: score 0, level none, no contributions', () => {
    expect(score([])).toEqual({ score: 0, level: 'none', contributions: [] });
  });

  test('repeated findings in one family add less each time (damping)', () => {
    const one = score([finding('identity', 'medium')]).score;
    const two = score([finding('identity', 'medium'), finding('identity', 'medium')]).score;
    const three = score([finding('identity', 'medium'), finding('identity', 'medium'), finding('identity', 'medium')]).score;
    expect(two - one).toBeGreaterThan(0);
    expect(three - two).toBeGreaterThan(0);
    expect(three - two).toBeLessThan(two - one);
  });

  test('many low findings in one family cannot reach high', () => {
    const s = score(Array.from({ length: 50 }, () => finding('network', 'low')));
    expect(levelRank(s.level)).toBeLessThan(levelRank('high'));
  });
});

describe('contributions explain the score', () => {
  test('one entry per family with findings, strength 0..1 and the count', () => {
    const s = score([finding('identity', 'high'), finding('identity', 'low'), finding('payroll', 'medium')]);
    expect(s.contributions.map((c) => [c.family, c.findings])).toEqual([
      ['identity', 2],
      ['payroll', 1],
    ]);
    expect(s.contributions.find((c) => c.family === 'payroll')!.strength).toBeCloseTo(SEVERITY_WEIGHT.medium, 3);
    const combined = 1 - s.contributions.reduce((k, c) => k * (1 - c.strength), 1);
    expect(Math.abs(Math.round(100 * combined) - s.score)).toBeLessThanOrEqual(1);
  });
});

test('levelFor covers every level in order', () => {
  const seen = [0, 1, 24, 25, 59, 60, 89, 90, 100].map(levelFor);
  expect(seen).toEqual(['none', 'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  expect(new Set(seen)).toEqual(new Set(LEVELS));
});
