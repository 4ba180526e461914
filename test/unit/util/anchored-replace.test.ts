import { describe, expect, test } from 'vitest';
import { anchoredReplace } from '../../../src/util/anchored-replace.js';
import { IDENTIFIER_PATTERNS, stripIdentifiers } from '../../../src/correlate/impersonal-text.js';

/** A small deterministic generator (the same strings every run, so a failure can be replayed). */
function* randomTexts(count: number, seed: number, alphabet: string[]): Generator<string> {
  let x = seed >>> 0;
  const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let i = 0; i < count; i++) {
    const n = Math.floor(next() * 160);
    let s = '';
    for (let k = 0; k < n; k++) s += alphabet[Math.floor(next() * alphabet.length)];
    yield s;
  }
}

const TRICKY = [
  'a',
  'b',
  'Z',
  '1',
  '9',
  '.',
  '-',
  '_',
  '@',
  ' ',
  '\n',
  '\u00a0',
  '<',
  '>',
  '(',
  ')',
  '/',
  '+',
  'com',
  'io',
  '.com/',
  '.org/',
  'www.',
  'http://',
  'é',
  'x@y.io',
  'ab.cd@ef.org',
];

describe('anchoredReplace', () => {
  test('is the plain replace for an e-mail-like pattern', () => {
    const re = /[^\s@<>()]{1,64}@[^\s@<>()]{1,255}\.[a-z]{2,24}/gi;
    for (const s of randomTexts(4000, 1, TRICKY)) expect(anchoredReplace(s, re, /@/g, 64, '~'), JSON.stringify(s)).toBe(s.replace(re, '~'));
  });

  test('is the plain replace when the bound, not the text, limits the reach', () => {
    const re = /[a-z]{1,3}@/g;
    for (const s of randomTexts(4000, 2, ['a', 'b', '@', ' ', 'aaaa']))
      expect(anchoredReplace(s, re, /@/g, 3, '#'), JSON.stringify(s)).toBe(s.replace(re, '#'));
  });

  test('returns the text itself when nothing matches', () => {
    const s = 'no anchor here';
    expect(anchoredReplace(s, /x@/g, /@/g, 1, '')).toBe(s);
  });

  test('tries each start once: text dense with anchors costs what the plain replace costs', () => {
    const text = '@'.repeat(1_000_000);
    const t = process.cpuUsage();
    anchoredReplace(text, /[^\s@]{1,64}@x/g, /@/g, 64, ' ');
    const { user, system } = process.cpuUsage(t);
    // Once per start is tens of milliseconds; 65 tries per anchor took seconds.
    expect((user + system) / 1000).toBeLessThan(3_000);
  });
});

describe('stripIdentifiers', () => {
  test('equals the four plain replaces it stands for', () => {
    const plain = (s: string) => IDENTIFIER_PATTERNS.reduce((t, re) => t.replace(re, ' '), s);
    for (const s of randomTexts(6000, 3, TRICKY)) expect(stripIdentifiers(s), JSON.stringify(s)).toBe(plain(s));
    const resume = 'Jordan Miller — jordan.miller@example.org, linkedin.com/in/jmiller, https://jm.dev, +1 (614) 555-0178. Go, SQL.';
    expect(stripIdentifiers(resume)).toBe(plain(resume));
  });
});
