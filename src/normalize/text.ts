import { distanceWithin } from './similarity.js';

/**
 * Text folding shared by every comparator: Unicode compatibility form, no diacritics, lower case,
 * punctuation to spaces. Scripts are kept: folding never pretends Hangul equals its romanisation.
 */
const COMBINING = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

const NON_ASCII = /[^\x00-\x7f]/;
const NOT_ASCII_WORD = /[^a-z0-9]+/g;

export function foldText(value: string): string {
  // Plain ASCII (most names, companies and tools) has nothing to decompose and no marks, and its
  // only letters and digits are a-z and 0-9 once lower-cased: the same result, cheaper.
  if (!NON_ASCII.test(value)) return value.toLowerCase().replace(NOT_ASCII_WORD, ' ').trim();
  return value.normalize('NFKD').replace(COMBINING, '').toLowerCase().replace(NOT_WORD, ' ').trim();
}

export function tokens(value: string): string[] {
  const folded = foldText(value);
  return folded ? folded.split(' ') : [];
}

const LATIN_OR_DIGIT = /^[\p{Script=Latin}\p{N}\s]*$/u;

/** True when every letter is Latin: only then can two spellings be compared letter by letter. */
export function isLatin(value: string): boolean {
  // Folded ASCII is only a-z, 0-9 and spaces.
  return !NON_ASCII.test(value) || LATIN_OR_DIGIT.test(foldText(value));
}

/** Levenshtein distance ≤ max? (Names only ever ask "≤ 1?", which needs no table at all.) */
export function editDistanceAtMost(a: string, b: string, max: number): boolean {
  if (max === 1) return withinOneEdit(a, b);
  return distanceWithin(a, b, max) <= max;
}

/** Equal but for one substituted, inserted or deleted character: skip the common prefix, then the rest must agree. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // The first difference is the edit: substitute (same length) or drop it from the longer side.
  const skipA = la >= lb ? 1 : 0;
  const skipB = lb >= la ? 1 : 0;
  return sameFrom(a, i + skipA, b, i + skipB);
}

function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}
