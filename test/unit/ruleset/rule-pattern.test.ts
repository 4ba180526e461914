import { expect, test } from 'vitest';
import { matchesPattern, selectIds } from '../../../src/ruleset/rule-pattern.js';

const ids = ['network.vpn-use', 'network.hosting-ip', 'identity.document-name-mismatch', 'identity.document-dob-mismatch'];

test('an exact id, * for all, and * wildcards inside ids', () => {
  expect(selectIds('network.vpn-use', ids)).toEqual(['network.vpn-use']);
  expect(selectIds('*', ids)).toEqual(ids);
  expect(selectIds('network.*', ids)).toEqual(['network.vpn-use', 'network.hosting-ip']);
  expect(selectIds('identity.document-*-mismatch', ids)).toEqual(['identity.document-name-mismatch', 'identity.document-dob-mismatch']);
});

test('dots and dashes are literal: a pattern is never a regular expression', () => {
  expect(matchesPattern('network.vpn-use', 'networkXvpn-use')).toBe(false);
  expect(matchesPattern('network', 'network.vpn-use')).toBe(false);
  expect(matchesPattern('network.vpn', 'network.vpn-use')).toBe(false);
});

test('wildcards anywhere, empty pieces and overlapping pieces', () => {
  const cases: Array<[string, string, boolean]> = [
    ['*.vpn-use', 'network.vpn-use', true],
    ['network.*-use', 'network.vpn-use', true],
    ['*-*-*', 'identity.document-name-mismatch', true],
    ['*-*-*-*', 'identity.document-name-mismatch', false],
    ['**network**', 'network.vpn-use', true],
    ['n*n', 'n', false],
    ['a*ab', 'aab', true],
    ['a*ab', 'ab', false],
    ['*aa*aa*', 'aaa', false],
    ['*aa*aa*', 'aaaa', true],
    ['network.*', 'network.', true],
    ['*x', 'network.vpn-use', false],
  ];
  for (const [pattern, id, expected] of cases) expect([pattern, id, matchesPattern(pattern, id)]).toEqual([pattern, id, expected]);
});

test('agrees with the obvious (exponential) definition on every short pattern and id', () => {
  // Reference: try every split. Alphabet {a, b, *}, patterns up to 6, ids up to 6.
  const ref = (p: string, s: string): boolean =>
    p === ''
      ? s === ''
      : p[0] === '*'
        ? [...Array(s.length + 1).keys()].some((k) => ref(p.slice(1), s.slice(k)))
        : s[0] === p[0] && ref(p.slice(1), s.slice(1));
  const words = (alphabet: string, max: number): string[] => {
    const out = [''];
    for (let i = 0; i < out.length; i++) if (out[i]!.length < max) for (const c of alphabet) out.push(out[i]! + c);
    return out;
  };
  const ids = words('ab', 6);
  for (const p of words('ab*', 5)) for (const s of ids) if (matchesPattern(p, s) !== ref(p, s)) throw new Error(`${p} vs ${s}`);
});

test('a pattern of many stars is answered at once (it never finished as a regex)', () => {
  const ids = Array.from({ length: 200 }, (_, i) => `network.${'a'.repeat(40)}-${i}`);
  const t = performance.now();
  expect(selectIds('************x', ids)).toEqual([]);
  expect(selectIds(`${'*a'.repeat(500)}*x`, ids)).toEqual([]);
  expect(selectIds('*'.repeat(10_000), ids)).toEqual(ids);
  expect(performance.now() - t).toBeLessThan(1000);
});
