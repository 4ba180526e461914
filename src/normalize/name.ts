import { canonicalNameToken } from './name-variants.js';
import { memoize } from '../util/memo.js';
import { nameSkeleton, sameSkeleton } from './romanisation.js';
import { editDistanceAtMost, foldText, isLatin, tokens } from './text.js';

export interface NormalizedName {
  /** Folded tokens with romanisation variants canonicalised, sorted: order-insensitive. */
  tokens: string[];
  /** The canonical tokens joined in each rotation: "Lee Min-jun", "Minjun Lee" and "Yi Minjun" meet here. */
  rotations: string[];
  /** All tokens joined without spaces: "Ji-ho" and "Jiho" meet here. */
  compact: string;
  latin: boolean;
  /** Consonant skeletons of the rotations (romanisation.ts): "Min-seo Choi" and "CHOE MINSO" meet here. */
  readonly skeletons: string[];
}

/**
 * Romanisation variants are whole names (Lee/Yi, Ho/He), so only a whole word is canonicalised:
 * the syllables of a hyphenated given name ("Ji-ho", "Seo-yeon") are kept as written, or "Ji-ho"
 * would become "ji he" and never meet "Jiho".
 */
function nameTokens(raw: string): string[] {
  return raw.split(/[\s,;/]+/).flatMap((word) => {
    const parts = tokens(word);
    return parts.length === 1 ? parts.map(canonicalNameToken) : parts;
  });
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * nameTokens and the compact form for plain ASCII in one pass (most names): words end at
 * whitespace , ; or /, the runs of letters and digits inside a word are its parts (as folding
 * finds them), and the compact form is those runs joined, before canonical spellings.
 */
function asciiName(raw: string): { ordered: string[]; compact: string } {
  const ordered: string[] = [];
  let compact = '';
  let parts = 0;
  let start = -1;
  // One step past the end closes the last part and word.
  for (let i = 0; i <= raw.length; i++) {
    const c = i < raw.length ? raw.charCodeAt(i) : 32;
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      const part = raw.slice(start, i).toLowerCase();
      ordered.push(part);
      compact += part;
      parts++;
      start = -1;
    }
    const wordEnd = (c >= 9 && c <= 13) || c === 32 || c === 44 || c === 59 || c === 47;
    if (wordEnd) {
      if (parts === 1) ordered[ordered.length - 1] = canonicalNameToken(ordered[ordered.length - 1]!);
      parts = 0;
    }
  }
  return { ordered, compact };
}

/** Memoised: a batch compares the same names (lists, the applicant's own) over and over; read-only. */
export const normalizeName: (raw: string) => NormalizedName = memoize((raw) => {
  // Folded ASCII is Latin by definition.
  let ordered: string[];
  let compact: string;
  let latin = true;
  if (ASCII.test(raw)) ({ ordered, compact } = asciiName(raw));
  else {
    ordered = nameTokens(raw);
    compact = foldText(raw).replace(/ /g, '');
    latin = isLatin(raw);
  }
  const rotations = ordered.map((_, i) => ordered.slice(i).join('') + ordered.slice(0, i).join(''));
  return new Normalized([...ordered].sort(), rotations, compact, latin);
});

/**
 * Skeletons are worked out on first use: only the loose sameName compares them, and a watchlist
 * lookup (strict) normalises every payee and reference name it sees; fourteen replacements per
 * rotation were a tenth of the evaluate stage.
 */
class Normalized implements NormalizedName {
  #skeletons: string[] | undefined;
  constructor(
    readonly tokens: string[],
    readonly rotations: string[],
    readonly compact: string,
    readonly latin: boolean,
  ) {}
  get skeletons(): string[] {
    // Only skeletons of three consonants or more say anything: two would join too many names.
    return (this.#skeletons ??= this.latin ? this.rotations.map(nameSkeleton).filter((k) => k.length >= 3) : []);
  }
}

function tokenMatches(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  return (a.length >= 4 && b.length >= 4 && editDistanceAtMost(a, b, 1)) || sameSkeleton(a, b, 3);
}

/**
 * Whether two names can belong to one person: order, case, diacritics, hyphens, initials, a
 * dropped middle name, a one-letter typo and romanisation variants do not make them different.
 * Returns undefined when they cannot be compared (different scripts): absence of proof of a
 * mismatch is not a mismatch.
 */
export function sameName(a: string, b: string): boolean | undefined {
  // The usual case, a name compared with itself: true whenever it has a word at all, and an
  // ASCII letter or digit is one. Skips normalising it.
  if (a === b && HAS_WORD.test(a)) return true;
  return sameNormalizedName(normalizeName(a), normalizeName(b));
}

export const HAS_WORD = /[A-Za-z0-9]/;

/** sameName on names normalised beforehand (list entries are, when a rule compiles). */
export function sameNormalizedName(na: NormalizedName, nb: NormalizedName): boolean | undefined {
  if (na.tokens.length === 0 || nb.tokens.length === 0) return undefined;
  if (na.latin !== nb.latin) return undefined;
  if (na.compact === nb.compact) return true;
  if (na.rotations.some((r) => nb.rotations.includes(r))) return true;
  // Whole-name skeletons only bridge a given name split in one place and joined in the other
  // (Min-seo / Minso): with as many words on both sides the words are compared one by one, where
  // John and Jane stay different.
  if (na.tokens.length !== nb.tokens.length && na.skeletons.some((k) => nb.skeletons.includes(k))) return true;
  const [short, long] = na.tokens.length <= nb.tokens.length ? [na.tokens, nb.tokens] : [nb.tokens, na.tokens];
  // Each long token pairs with one short token at most. Most comparisons fail at the first
  // token, so no Set per call: a bit mask (a name of more than 31 words falls back to an array).
  const usedMany = long.length > 31 ? new Uint8Array(long.length) : undefined;
  let usedBits = 0;
  let fullMatches = 0;
  for (const s of short) {
    let idx = -1;
    for (let i = 0; i < long.length; i++) {
      if (usedMany ? usedMany[i] : (usedBits >>> i) & 1) continue;
      if (tokenMatches(s, long[i]!)) {
        idx = i;
        break;
      }
    }
    if (idx < 0) return false;
    if (usedMany) usedMany[idx] = 1;
    else usedBits |= 1 << idx;
    if (s.length > 1 && long[idx]!.length > 1) fullMatches++;
  }
  // "J. M." must not match everybody: at least one spelled-out name has to agree, and two when
  // both sides give two or more names.
  // Counted on both sides so the answer does not depend on argument order ("J. Miller" has one).
  const spelled = (ts: string[]) => ts.filter((t) => t.length > 1).length;
  const needed = short.length >= 2 ? Math.min(2, spelled(short), spelled(long)) : 1;
  return fullMatches >= Math.max(1, needed);
}

/**
 * Whether two names share at least one spelled-out name (a surname, a given name), after the same
 * folding as sameName. "David Zhang" and "Zhang Wei" share one; "Jordan Miller" and "Kevin Hart"
 * none. Lets rules tell "someone else entirely" from "a preferred name or a relative".
 */
export function shareNamePart(a: string, b: string): boolean | undefined {
  const na = normalizeName(a);
  const nb = normalizeName(b);
  if (na.tokens.length === 0 || nb.tokens.length === 0 || na.latin !== nb.latin) return undefined;
  const full = (t: string[]) => t.filter((x) => x.length > 1);
  const theirs = full(nb.tokens);
  return full(na.tokens).some((t) => theirs.some((u) => u === t || sameSkeleton(t, u, 3)));
}

/**
 * The stricter sameness a watchlist needs: every word of both names paired one to one, each the
 * same word, a listed romanisation variant (Lee/Yi) or an initial of it, and at least two
 * spelled-out words equal when both names have two; no typo or sound-alike tolerance.
 * "Sung Kim" is not "Kim Sang Man"; "Sang-man Kim" and "Christina M. Chapman" are.
 */
export function sameNormalizedNameStrict(na: NormalizedName, nb: NormalizedName): boolean | undefined {
  if (na.tokens.length === 0 || nb.tokens.length === 0) return undefined;
  if (na.latin !== nb.latin) return undefined;
  if (na.compact === nb.compact) return true;
  if (na.rotations.some((r) => nb.rotations.includes(r))) return true;
  if (na.tokens.length !== nb.tokens.length) return false;
  const used = new Array<boolean>(nb.tokens.length).fill(false);
  let spelledEqual = 0;
  // Spelled-out words pair first, so an initial never takes a word that is written out on both sides.
  const order = [...na.tokens].sort((x, y) => y.length - x.length);
  for (const t of order) {
    let at = nb.tokens.findIndex((u, i) => !used[i] && u === t);
    if (at < 0) at = nb.tokens.findIndex((u, i) => !used[i] && (t.length === 1 || u.length === 1) && t[0] === u[0]);
    if (at < 0) return false;
    used[at] = true;
    if (t.length > 1 && nb.tokens[at] === t) spelledEqual++;
  }
  const spelled = (ts: string[]) => ts.filter((x) => x.length > 1).length;
  return spelledEqual >= Math.max(1, Math.min(2, spelled(na.tokens), spelled(nb.tokens)));
}

export function sameNameStrict(a: string, b: string): boolean | undefined {
  return sameNormalizedNameStrict(normalizeName(a), normalizeName(b));
}
