import { describe, expect, test } from 'vitest';
import { sameNameStrict } from '../../../src/normalize/name.js';
import { nameMembership, type NameCandidate } from '../../../src/runtime/name-list-match.js';
import type { Verdict } from '../../../src/operators/operators.js';
import { pick, prng } from '../../helpers/prng.js';

/** `in` / `notIn` as a plain scan of the list with sameNameStrict: what the index must reproduce. */
function scan(candidates: NameCandidate[], value: string, negate: boolean): Verdict {
  let comparable = false;
  for (const c of candidates) {
    const r = sameNameStrict(value, c.value);
    if (r === undefined) continue;
    comparable = true;
    if (r) return negate ? { ok: false } : { ok: true, note: c.label };
  }
  return negate && comparable ? { ok: true, note: 'is none of the listed values' } : { ok: false };
}

const WORDS = [
  'Kim',
  'Gim',
  'Lee',
  'Yi',
  'Ri',
  'Jong',
  'Song',
  'Sung',
  'Hwa',
  'Chol',
  'Min-jun',
  'Minjun',
  'Christina',
  'Kristina',
  'Chapman',
  'Chapmen',
  'M.',
  'J',
  'Wang',
  'Wong',
  'Zhenxing',
  'Oleksandr',
  'Aleksandr',
  'Didenko',
  'Didenk',
  '김정은',
  'Ким',
  'Zoë',
  'Zoe',
  'Ngoc',
  'Vong',
  'Knoot',
  'Knot',
  'Isaac',
  'Isaak',
];

function name(rand: () => number): string {
  const n = 1 + Math.floor(rand() * 4);
  const sep = pick(rand, [' ', ' ', ', ', '/', ' - ']);
  return Array.from({ length: n }, () => pick(rand, WORDS)).join(sep);
}

describe('name lists (in / notIn with as: name)', () => {
  test('the index gives the verdict and the entry a scan of the whole list gives', () => {
    const rand = prng(21);
    let hits = 0;
    for (let round = 0; round < 40; round++) {
      const candidates = Array.from({ length: 1 + Math.floor(rand() * 25) }, (_, i) => ({ value: name(rand), label: `entry ${i}` }));
      const inList = nameMembership(candidates, false);
      const notInList = nameMembership(candidates, true);
      for (let k = 0; k < 150; k++) {
        const value = rand() < 0.3 ? pick(rand, candidates).value.split(' ').reverse().join(' ') : name(rand);
        const expected = scan(candidates, value, false);
        expect(inList(value)).toEqual(expected);
        expect(notInList(value)).toEqual(scan(candidates, value, true));
        if (expected.ok) hits++;
      }
    }
    expect(hits).toBeGreaterThan(500);
  });

  test('numbers are compared as text, other values not at all', () => {
    const m = nameMembership([{ value: '42', label: 'the answer' }], false);
    expect(m(42)).toEqual({ ok: true, note: 'the answer' });
    expect(m({ full: '42' })).toEqual({ ok: false });
  });
});
