import { describe, expect, test } from 'vitest';
import { checkRegexSafety, MAX_PATTERN, MAX_SUBJECT } from '../../../src/ruleset/regex-safety.js';
import { OPERATORS } from '../../../src/ruleset/operators.js';

describe('refused patterns', () => {
  const refused: Array<[string, RegExp]> = [
    ['(a+)+', /nested quantifiers/],
    ['(\\w*)*', /nested quantifiers/],
    ['((a+))+', /nested quantifiers/],
    ['((a+)?)+', /nested quantifiers/],
    ['(?:a+)+', /nested quantifiers/],
    ['(x+y?)*', /nested quantifiers/],
    ['(a{1,200})+', /nested quantifiers/],
    ['^(\\d+)*$', /nested quantifiers/],
    ['(a|ab)*', /alternatives/],
    ['(a|b)+c', /alternatives/],
    ['(a)\\1', /backreferences/],
    ['(?<x>a)\\k<x>', /backreferences/],
    ['(?<=a)b', /lookbehind/],
    ['(?<!a)b', /lookbehind/],
    ['a*b*c*', /more than two unbounded/],
    ['.*a.*b.*c', /more than two unbounded/],
    ['a{2,}b{3,}c{1,}', /more than two unbounded/],
    ['x'.repeat(MAX_PATTERN + 1), /limit is/],
    ['(abc', /unbalanced/],
    ['abc)', /unbalanced/],
  ];
  test.each(refused)('%s', (pattern, reason) => {
    expect(checkRegexSafety(pattern)).toMatch(reason);
  });
});

// Ordinary patterns rule authors write, each with a subject built to make a backtracking engine
// work as hard as it can on that pattern.
const accepted: Array<[string, string]> = [
  ['^anydesk$', 'anydes'.repeat(700)],
  ['\\b(pikvm|tinypilot)\\b', 'pikv'.repeat(1100)],
  ['[0-9]{3}-[0-9]{4}', '123-123'.repeat(600)],
  ['^[a-z0-9._%+-]+@[a-z0-9.-]+$', 'a'.repeat(5000)],
  ['.*@example\\.com$', 'x@'.repeat(2500)],
  ['(ab)+c', 'ab'.repeat(2500)],
  ['a{1,50}b', 'a'.repeat(5000)],
  ['[^\\]]+x', ']'.repeat(10) + 'y'.repeat(5000)],
  // Exactly at the length limit.
  ['x'.repeat(MAX_PATTERN), 'x'.repeat(MAX_SUBJECT)],
];
const named = accepted.map(([p, s]) => [p.length > 40 ? `${p.slice(0, 12)}… (${p.length} chars)` : p, p, s] as const);

describe('accepted patterns', () => {
  test.each(named)('%s', (_label, pattern) => {
    expect(checkRegexSafety(pattern)).toBeUndefined();
  });

  test.each(named)('%s runs to completion on a pathological subject of 4096+ characters', (_label, pattern, subject) => {
    expect(subject.length).toBeGreaterThanOrEqual(MAX_SUBJECT - 100);
    const predicate = OPERATORS.regex!.build(pattern, { comparator: 'text', lists: new Map(), ref: () => undefined, fail: (m) => { throw new Error(m); } });
    expect(predicate).toBeDefined();
    // No timing: the point is only that it returns (a catastrophic pattern would hang here).
    expect(typeof predicate!(subject, {}, {}, '').ok).toBe('boolean');
  });
});

test('the regex operator refuses what the checker refuses, and never builds a matcher for it', () => {
  const failures: string[] = [];
  const p = OPERATORS.regex!.build('(a+)+$', { comparator: 'text', lists: new Map(), ref: () => undefined, fail: (m) => failures.push(m) });
  expect(p).toBeUndefined();
  expect(failures[0]).toMatch(/^unsafe regex/);
});

test('the regex operator only looks at the first MAX_SUBJECT characters', () => {
  const p = OPERATORS.regex!.build('needle', { comparator: 'text', lists: new Map(), ref: () => undefined, fail: (m) => { throw new Error(m); } })!;
  expect(p(`${'x'.repeat(MAX_SUBJECT - 6)}needle`, {}, {}, '').ok).toBe(true);
  expect(p(`${'x'.repeat(MAX_SUBJECT)}needle`, {}, {}, '').ok).toBe(false);
});
