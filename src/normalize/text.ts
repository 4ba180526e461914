/**
 * Text folding shared by every comparator: Unicode compatibility form, no diacritics, lower case,
 * punctuation to spaces. Scripts are kept: folding never pretends Hangul equals its romanisation.
 */
const COMBINING = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

export function foldText(value: string): string {
  return value.normalize('NFKD').replace(COMBINING, '').toLowerCase().replace(NOT_WORD, ' ').trim();
}

export function tokens(value: string): string[] {
  const folded = foldText(value);
  return folded ? folded.split(' ') : [];
}

const LATIN_OR_DIGIT = /^[\p{Script=Latin}\p{N}\s]*$/u;

/** True when every letter is Latin: only then can two spellings be compared letter by letter. */
export function isLatin(value: string): boolean {
  return LATIN_OR_DIGIT.test(foldText(value));
}

/** Levenshtein distance with an early exit once `max` is exceeded (we only ever ask "≤ 1?"). */
export function editDistanceAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return false;
    prev = cur;
  }
  return prev[b.length]! <= max;
}
