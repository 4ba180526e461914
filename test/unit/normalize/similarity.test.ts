import { describe, expect, test } from 'vitest';
import { distanceWithin, editSimilarity, editSimilarityAtLeast, levenshtein } from '../../../src/normalize/similarity.js';
import { COMPANY_MATCH_THRESHOLD, companyMatch, companySimilarity, prepareCompany } from '../../../src/normalize/company.js';
import { prng, pick } from '../../helpers/prng.js';

/** The textbook table, as a reference for the optimised one. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length]![b.length]!;
}

const word = (rand: () => number, letters: string, max: number) => Array.from({ length: Math.floor(rand() * max) }, () => pick(rand, [...letters])).join('');

describe('bounded edit distance', () => {
  test('exact up to the bound, above the bound beyond it', () => {
    const rand = prng(7);
    for (let k = 0; k < 3000; k++) {
      const a = word(rand, 'abcd', 12);
      const b = word(rand, 'abcd', 12);
      const d = reference(a, b);
      expect(levenshtein(a, b)).toBe(d);
      const max = Math.floor(rand() * 6);
      if (d <= max) expect(distanceWithin(a, b, max)).toBe(d);
      else expect(distanceWithin(a, b, max)).toBeGreaterThan(max);
    }
  });

  test('editSimilarityAtLeast is editSimilarity whenever that reaches the floor, and below the floor otherwise', () => {
    const rand = prng(11);
    for (let k = 0; k < 3000; k++) {
      const a = word(rand, 'abc', 14);
      const b = rand() < 0.5 ? a.slice(0, -1) + 'c' : word(rand, 'abc', 14);
      const floor = pick(rand, [0.5, 0.75, 0.89]);
      const exact = editSimilarity(a, b);
      const fast = editSimilarityAtLeast(a, b, floor);
      if (exact >= floor) expect(fast).toBe(exact);
      else expect(fast).toBeLessThan(floor);
    }
  });
});

describe('company matching skips only pairs that cannot match', () => {
  const listed = [
    'Yanbian Silverstar Network Technology Co., Ltd.',
    'Volasys Silver Star',
    'Korea Osong Shipping Co.',
    'Chinyong Information Technology Cooperation Company',
    'Liaoning China Trade Industry Co., Ltd.',
  ];
  const parts = [
    'silver',
    'star',
    'network',
    'tech',
    'technology',
    'yanbian',
    'volasys',
    'korea',
    'osong',
    'shipping',
    'china',
    'trade',
    'co',
    'ltd',
    'information',
    'chinyong',
  ];

  test('same score and method as the full comparison for every pair that reaches the threshold', () => {
    const rand = prng(3);
    let matched = 0;
    for (let k = 0; k < 4000; k++) {
      let name = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(rand, parts)).join(' ');
      if (rand() < 0.4) name = pick(rand, listed);
      if (rand() < 0.5) {
        const i = Math.floor(rand() * name.length);
        name = name.slice(0, i) + pick(rand, [...'aeioxz ']) + name.slice(i + 1);
      }
      for (const l of listed) {
        const full = companySimilarity(name, l);
        const fast = companyMatch(prepareCompany(name), prepareCompany(l));
        if (full.score >= COMPANY_MATCH_THRESHOLD) {
          matched++;
          expect(fast).toEqual(full);
        } else expect(fast.score).toBeLessThan(COMPANY_MATCH_THRESHOLD);
      }
    }
    expect(matched).toBeGreaterThan(100);
  });
});
