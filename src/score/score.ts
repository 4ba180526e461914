import type { Finding, Score, FamilyContribution } from '../model/finding.js';
import { FAMILIES, type Level, type Severity } from '../model/levels.js';
import { lookupTable } from '../util/lookup-table.js';

/**
 * How the score is formed (also in README "How the score is formed"):
 *
 * 1. Each finding weighs by its severity: info 0, low 0.10, medium 0.30, high 0.60, critical 1.
 * 2. Within a family, findings are sorted by weight and the k-th (from 0) is damped by 2^-k, then
 *    combined as independent chances: strength = 1 − Π (1 − w_k · 2^-k). Several findings of one
 *    family often restate one fact (a name that differs on three documents), so they add little.
 * 3. Families corroborate each other as independent evidence: combined = 1 − Π (1 − strength_f).
 * 4. score = round(100 · combined); level by the thresholds below.
 *
 * Properties (tested): bounded in 0..100; monotone (a new finding can only raise it, because it
 * takes a rank and pushes weaker ones to larger damping, never below their previous product);
 * one critical finding → 100 → critical; one low or medium finding can never reach high; findings
 * in different families raise the score more than the same findings in one family.
 */
export const SEVERITY_WEIGHT: Record<Severity, number> = lookupTable({ info: 0, low: 0.1, medium: 0.3, high: 0.6, critical: 1 });

export const LEVEL_THRESHOLDS: Array<[Level, number]> = [
  ['critical', 90],
  ['high', 60],
  ['medium', 25],
  ['low', 1],
];

export function levelFor(score: number): Level {
  for (const [level, min] of LEVEL_THRESHOLDS) if (score >= min) return level;
  return 'none';
}

export function familyStrength(weights: number[]): number {
  const sorted = [...weights].sort((a, b) => b - a);
  let keep = 1;
  sorted.forEach((w, k) => {
    keep *= 1 - w * 2 ** -k;
  });
  return 1 - keep;
}

/** The score stage. Pure. */
export function score(findings: Finding[]): Score {
  const contributions: FamilyContribution[] = [];
  let keep = 1;
  for (const family of FAMILIES) {
    const mine = findings.filter((f) => f.family === family);
    if (mine.length === 0) continue;
    const strength = familyStrength(mine.map((f) => SEVERITY_WEIGHT[f.severity]));
    contributions.push({ family, strength: Math.round(strength * 1000) / 1000, findings: mine.length });
    keep *= 1 - strength;
  }
  const value = Math.round(100 * (1 - keep));
  return { score: value, level: levelFor(value), contributions };
}
