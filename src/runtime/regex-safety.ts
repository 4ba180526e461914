import { createRequire } from 'node:module';
import type { RE2JS as RE2JSClass, RE2Set as RE2SetClass } from 're2js';
import { jsToRe2 } from './regex-translate.js';

/**
 * Rules' and exceptions' regexes run on text the applicant controls. A blacklist of dangerous
 * shapes in front of the backtracking JS engine was bypassable (bounded repetition, [^], several
 * unbounded quantifiers…), so regexes are matched by re2js, a pure-JS port of RE2: an automaton
 * that never backtracks, whose work is bounded by (program size × subject length) whatever the
 * pattern. What stays to bound is that product:
 *  - subjects are cut to MAX_SUBJECT characters before matching (a pattern that asserts the end of
 *    the text or a word boundary is never matched at the cut: assertsAtEnd);
 *  - the compiled program may have at most MAX_PROGRAM instructions (bounded repetition expands:
 *    `a{0,100}` is ~200 instructions), so one match is at most MAX_PROGRAM × MAX_SUBJECT steps:
 *    under a millisecond for ordinary patterns, ~30 ms of CPU for the most expensive one accepted
 *    on text built against it (test/unit/runtime/regex-attacks.test.ts);
 *  - patterns are at most MAX_PATTERN characters, so a file cannot make compiling itself costly.
 * JS-only syntax with no linear equivalent (backreferences, lookaround) is refused at load.
 * docs/rules.md ("Regular expressions") says why re2js and not the native `re2` addon.
 */
export const MAX_PATTERN = 256;
export const MAX_SUBJECT = 4096;
export const MAX_PROGRAM = 300;

// Loaded on the first regex compiled, not at start-up: most runs use no rule regex, and the
// library (its Unicode tables) costs ~20 ms to load.
type Engine = { RE2JS: typeof RE2JSClass; RE2Set: typeof RE2SetClass };
let engine: Engine | undefined;
const re2js = (): Engine => (engine ??= createRequire(import.meta.url)('re2js') as Engine);

// The lazy DFA's memory per pattern. Small on purpose: on text whose DFA states never repeat (the
// adversarial case) a full cache is rebuilt too soon, and re2js then falls back to its NFA, which
// is 5–8× cheaper per character than building a DFA state each step; on ordinary text the few
// states fit and stay cached across records.
const DFA_MEMORY = 256 * 1024;

export type RuleRegex = { ok: true; test: (subject: string) => boolean; programSize: number } | { ok: false; kind: 'invalid' | 'unsafe'; reason: string };

export function compileRuleRegex(pattern: string, opts: { ignoreCase: boolean }): RuleRegex {
  if (pattern.length > MAX_PATTERN)
    return {
      ok: false,
      kind: 'unsafe',
      reason: `the pattern is ${pattern.length} characters long; the limit is ${MAX_PATTERN} (a longer pattern is refused, never cut)`,
    };
  // The JS engine checks the syntax authors know (compiling never runs the pattern).
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    return { ok: false, kind: 'invalid', reason: (e as Error).message };
  }
  const t = jsToRe2(pattern);
  if (!t.ok) return { ok: false, kind: 'unsafe', reason: t.reason };
  const { RE2JS, RE2Set } = re2js();
  const flags = opts.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0;
  let programSize: number;
  let set: RE2SetClass;
  try {
    programSize = RE2JS.compile(t.source, flags).programSize();
    if (programSize > MAX_PROGRAM) {
      return {
        ok: false,
        kind: 'unsafe',
        reason: `it compiles to ${programSize} instructions; the limit is ${MAX_PROGRAM} (bounded repetitions such as {0,100} expand: use + or a smaller bound)`,
      };
    }
    // A one-pattern set: the only public matcher whose DFA memory can be set (see DFA_MEMORY).
    set = new RE2Set(RE2Set.UNANCHORED, flags, DFA_MEMORY);
    set.add(t.source);
    set.compile();
  } catch (e) {
    return { ok: false, kind: 'unsafe', reason: re2Refusal((e as Error).message) };
  }
  const endSensitive = assertsAtEnd(pattern);
  let positions: ReturnType<typeof RE2JS.compile> | undefined;
  const test = (s: string): boolean => {
    if (s.length <= MAX_SUBJECT) return set.match(s).length > 0;
    const head = s.slice(0, MAX_SUBJECT);
    if (set.match(head).length === 0) return false;
    if (!endSensitive) return true;
    // The cut is not the end of the text: `$` must not match there, nor `\b` / `\B` be decided by
    // it. A match that ends before the cut saw only text that is really there, so it holds; one that
    // ends at the cut may be the cut's doing, and is not counted (the text past the cut is unread).
    positions ??= RE2JS.compile(t.source, flags);
    const m = positions.matcher(head);
    while (m.find()) if (m.end() < head.length) return true;
    return false;
  };
  return { ok: true, test, programSize };
}

/**
 * Whether the pattern asserts something about where the text ends or what follows a position
 * (`$`, `\b`, `\B` outside a character class): on a subject cut to MAX_SUBJECT characters such an
 * assertion would see the cut as the end of the text. Read from the JavaScript source, where an
 * escaped `\$` and a `$` inside `[…]` are literal.
 */
export function assertsAtEnd(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[++i];
      if (!inClass && (next === 'b' || next === 'B')) return true;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '$') return true;
  }
  return false;
}

/** The policy as a yes/no: the reason a pattern is refused, or undefined. */
export function checkRegexSafety(pattern: string, ignoreCase = true): string | undefined {
  const r = compileRuleRegex(pattern, { ignoreCase });
  return r.ok ? undefined : r.reason;
}

function re2Refusal(message: string): string {
  const m = message.replace(/^error parsing regexp: /, '');
  if (/invalid repeat count/.test(m)) return `${m}: repetition counts above 1000, or nested ones whose product is over 1000, are not supported`;
  if (/expression too large/.test(m)) return 'the repetitions expand to too large a program; use + or smaller bounds';
  if (/invalid character class range: `\\[pP]/.test(m)) return `${m}: use a general category (\\p{L}, \\p{Lu}, \\p{Nd}) or a script (\\p{Script=Greek})`;
  return `not supported by the linear matcher: ${m}`;
}
