import { describe, expect, test } from 'vitest';
import { checkRegexSafety, compileRuleRegex, MAX_PATTERN, MAX_PROGRAM, MAX_SUBJECT } from '../../../src/runtime/regex-safety.js';
import { jsToRe2 } from '../../../src/runtime/regex-translate.js';
import { regex } from '../../../src/operators/regex.js';

const env = (
  fail: (m: string) => void = (m) => {
    throw new Error(m);
  },
) => ({ comparator: 'text' as const, lists: new Map(), ref: () => undefined, fail });

describe('refused: no linear equivalent, or over the budget', () => {
  const refused: Array<[string, RegExp]> = [
    ['(a)\\1', /backreferences/],
    ['(?<x>a)\\k<x>', /named backreferences/],
    ['(?<=a)b', /lookbehind/],
    ['(?<!a)b', /lookbehind/],
    ['a(?=b)', /lookahead/],
    ['a(?!b)', /lookahead/],
    ['\\p{Letter}', /general category/],
    ['\\p{Script_Extensions=Greek}', /Script_Extensions/],
    ['[^a\\S]', /negated class/],
    ['\\uD800', /lone surrogate/],
    ['[]', /matches nothing/],
    ['x'.repeat(MAX_PATTERN + 1), /limit is/],
    [`a{0,${MAX_PROGRAM}}`, /instructions; the limit is/],
  ];
  test.each(refused)('%s', (pattern, reason) => {
    expect(checkRegexSafety(pattern)).toMatch(reason);
  });
});

test.each([['(abc'], ['abc)'], ['[z-a]'], ['a{2,1}'], ['\\c']])('invalid JS syntax %s is "invalid", not "unsafe"', (pattern) => {
  const r = compileRuleRegex(pattern, { ignoreCase: true });
  expect(r.ok === false && r.kind).toBe('invalid');
});

// The JS meaning is kept where RE2 spells the same thing differently: each pair must agree with
// the JS engine on every subject.
describe('same answers as the JS engine', () => {
  const cases: Array<[string, string[]]> = [
    ['^a.c$', ['abc', 'a\nc', 'a\rc', 'a\u2028c', 'a😀c']],
    ['^\\s+$', [' ', '\u00a0', '\u3000', '\t\v\f', '\ufeff', 'x']],
    ['^\\S+$', ['x', 'é', ' ', '\u00a0']],
    ['^[\\s\\S]{3}$', ['a\nb', 'ab', ' \u2028 ']],
    ['^[x\\S]$', ['x', 'y', ' ']],
    ['^[^]$', ['\n', 'a', '']],
    ['^[[:a]+$', ['a:[', 'b', ':a]']],
    ['^\\u0041\\x42\\u{43}$', ['ABC', 'abc', 'ABD']],
    ['^\\uD83D\\uDE00$', ['😀', '\ud83d']],
    ['^\\p{Lu}+$', ['ABC', 'abc', 'É']],
    ['^\\p{Script=Greek}+$', ['αβγ', 'abc']],
    ['\\bcat\\b', ['a cat!', 'concat', 'cat']],
    ['^a\\/b$', ['a/b']],
    ['^[\\b]$', ['\b', 'b']],
    ['^\\cJ$', ['\n', 'J']],
    ['^\\0$', ['\0', '0']],
    ['^(?<year>\\d{4})-(?:\\d\\d)$', ['2026-01', '26-01']],
    ['^anydesk$', ['AnyDesk', 'anydesk\n']],
    ['a$', ['a\n', 'ba']],
    ['^(a|ab)(c|bcd)(d*)$', ['abcd', 'acd']],
  ];
  test.each(cases)('/%s/', (pattern, subjects) => {
    for (const ignoreCase of [true, false]) {
      const js = new RegExp(pattern, ignoreCase ? 'iu' : 'u');
      const ours = compileRuleRegex(pattern, { ignoreCase });
      expect(ours.ok, JSON.stringify(!ours.ok && ours.reason)).toBe(true);
      for (const s of subjects) expect([s, ours.ok && ours.test(s)]).toEqual([s, js.test(s)]);
    }
  });
});

test('capturing groups become non-capturing (matching only asks yes or no)', () => {
  expect(jsToRe2('(a)(?<n>b)')).toEqual({ ok: true, source: '(?:a)(?:b)' });
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
  ['x'.repeat(MAX_PATTERN), 'x'.repeat(MAX_SUBJECT)],
];
const named = accepted.map(([p, s]) => [p.length > 40 ? `${p.slice(0, 12)}… (${p.length} chars)` : p, p, s] as const);

describe('accepted patterns', () => {
  test.each(named)('%s', (_label, pattern, subject) => {
    expect(checkRegexSafety(pattern)).toBeUndefined();
    const predicate = regex.build(pattern, env());
    expect(predicate).toBeDefined();
    expect(typeof predicate!(subject, {}, {}, '').ok).toBe('boolean');
  });
});

test('the regex operator refuses what the policy refuses, and never builds a matcher for it', () => {
  const failures: string[] = [];
  const p = regex.build(
    '(a+)\\1$',
    env((m) => failures.push(m)),
  );
  expect(p).toBeUndefined();
  expect(failures[0]).toMatch(/^unsafe regex .*backreferences/);
  const invalid: string[] = [];
  expect(
    regex.build(
      '(abc',
      env((m) => invalid.push(m)),
    ),
  ).toBeUndefined();
  expect(invalid[0]).toMatch(/^invalid regex /);
});

test('the regex operator only looks at the first MAX_SUBJECT characters', () => {
  const p = regex.build('needle', env())!;
  expect(p(`${'x'.repeat(MAX_SUBJECT - 6)}needle`, {}, {}, '').ok).toBe(true);
  expect(p(`${'x'.repeat(MAX_SUBJECT)}needle`, {}, {}, '').ok).toBe(false);
});

test('as: exact is case-sensitive, the default is not', () => {
  const exact = regex.build('^AnyDesk$', { ...env(), comparator: 'exact' })!;
  const text = regex.build('^AnyDesk$', env())!;
  expect([exact('anydesk', {}, {}, '').ok, exact('AnyDesk', {}, {}, '').ok, text('anydesk', {}, {}, '').ok]).toEqual([false, true, true]);
});

describe('a subject longer than MAX_SUBJECT is cut, and the cut is not the end of the text', () => {
  const letters = (n: number) => 'a'.repeat(n);
  const yes = (pattern: string, s: string) => {
    const r = compileRuleRegex(pattern, { ignoreCase: true });
    if (!r.ok) throw new Error(r.reason);
    return r.test(s);
  };

  test('$ does not match at the cut: a long value with a digit past the cut is not "letters only"', () => {
    const long = `${letters(MAX_SUBJECT + 400)}1`;
    expect(yes('^[a-z ]+$', long)).toBe(false);
    expect(yes('a$', long)).toBe(false);
    // Within the limit, the same patterns read the whole value.
    expect(yes('^[a-z ]+$', letters(MAX_SUBJECT))).toBe(true);
    expect(yes('^[a-z ]+$', `${letters(100)}1`)).toBe(false);
  });

  test('\\b and \\B are not decided by the cut', () => {
    // "foo" ends at the cut, but the text goes on with "d": no word boundary there.
    const food = `${letters(MAX_SUBJECT - 4)} foo${'d'.repeat(50)}`;
    expect(food.slice(0, MAX_SUBJECT).endsWith(' foo')).toBe(true);
    expect(yes('\\bfoo\\b', food)).toBe(false);
    // A whole word before the cut is still found in a long value.
    expect(yes('\\bfoo\\b', `x foo y ${letters(MAX_SUBJECT * 2)}`)).toBe(true);
    expect(yes('foo$|\\bx\\b', `x foo ${letters(MAX_SUBJECT * 2)}`)).toBe(true);
  });

  test('a pattern with no end assertion still matches up to the cut, and escaped or bracketed $ are literal', () => {
    expect(yes('a+', letters(MAX_SUBJECT * 2))).toBe(true);
    expect(yes('\\$a+', `$${letters(MAX_SUBJECT * 2)}`)).toBe(true);
    expect(yes('[$]a+', `$${letters(MAX_SUBJECT * 2)}`)).toBe(true);
  });
});
