import { normalizeName, sameNormalizedNameStrict, type NormalizedName } from '../normalize/name.js';
import { memoize } from '../util/memo.js';
import { NO, type Verdict } from './verdict.js';

const NONE: number[] = [];

/** A listed name (an entry's value or alias) and what a match says about it. */
export interface NameCandidate {
  value: string;
  label: string;
}

/**
 * `in` / `notIn` with `as: name`, with an index instead of a scan: a watchlist imported from a
 * sanctions source holds thousands of names, and every payee and reference is looked up in it.
 *
 * The index only ever narrows, never decides: sameName is true through an equal compact form, a
 * shared rotation, or words paired one to one of which at least one pair is spelled out (longer
 * than an initial) and equal or, at four letters or more, one edit apart. So a listed name that
 * shares none of those keys with the value cannot be the same name and is skipped; the rest are
 * compared in list order exactly as before, and the first match is the one reported.
 */
export function nameMembership(candidates: NameCandidate[], negate: boolean, noneNote = 'is none of the listed values'): (value: unknown) => Verdict {
  const listed = candidates.map((c) => ({ ...c, name: normalizeName(c.value) })).filter((c) => c.name.tokens.length > 0);
  const index = new Map<string, number[]>();
  listed.forEach((c, i) =>
    eachKey(c.name, (key) => {
      const at = index.get(key);
      if (!at) index.set(key, [i]);
      else if (at[at.length - 1] !== i) at.push(i);
    }),
  );
  // Whether some listed name is comparable at all (same script, some word): what notIn needs.
  const scripts = new Set(listed.map((c) => c.name.latin));
  const miss: Verdict = negate ? { ok: true, note: noneNote } : NO;
  // Which listed names a value already reached in this lookup: a stamp per lookup, no Set each time.
  const reached = new Uint32Array(listed.length);
  let stamp = 0;
  const verdictFor = memoize((value: string): Verdict => {
    const mine = normalizeName(value);
    if (mine.tokens.length === 0 || !scripts.has(mine.latin)) return NO;
    if (++stamp === 0xffffffff) {
      reached.fill(0);
      stamp = 1;
    }
    const found: number[] = [];
    eachKey(mine, (key) => {
      for (const i of index.get(key) ?? NONE) {
        if (reached[i] === stamp) continue;
        reached[i] = stamp;
        found.push(i);
      }
    });
    // Listed order decides which entry is reported.
    found.sort((a, b) => a - b);
    for (const i of found) {
      const c = listed[i]!;
      // Strict: a listed person is matched on the whole name, never on a sound-alike (see name.ts).
      if (sameNormalizedNameStrict(mine, c.name)) return negate ? NO : { ok: true, note: c.label };
    }
    return miss;
  }, 1024);
  // Numbers and booleans are compared as text, as by every comparator.
  return (value) => (typeof value === 'string' ? verdictFor(value) : typeof value === 'number' || typeof value === 'boolean' ? verdictFor(String(value)) : NO);
}

/**
 * Keys under which two names that can be the same name always meet (see nameMembership). Two
 * words of four letters or more one edit apart keep their first two letters (an edit from the
 * third letter on) or their last two (an edit in the first two, the rest shifted at most one).
 */
function eachKey(n: NormalizedName, visit: (key: string) => void): void {
  visit(`c${n.compact}`);
  for (const r of n.rotations) visit(`r${r}`);
  for (const t of n.tokens) {
    if (t.length < 2) continue;
    visit(`=${t}`);
    if (t.length < 4) continue;
    visit(`<${t.slice(0, 2)}`);
    visit(`>${t.slice(-2)}`);
  }
}
