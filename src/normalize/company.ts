import anyAscii from 'any-ascii';
import { foldText } from './text.js';
import { ABBREVIATIONS, LEGAL_FORM_PHRASES, LEGAL_FORM_TOKENS, NATIVE_LEGAL_FORMS } from './legal-forms.js';
import { memoize } from '../util/memo.js';
import { editSimilarity, editSimilarityAtLeast, tokenSimilarity } from './similarity.js';
import { commonLetters, letterCounts, type LetterCounts } from './letter-counts.js';

/**
 * Company names as the same company, however they were typed: legal forms dropped (Co., Ltd.,
 * LLC, OOO, 有限公司 …), punctuation and spacing ignored ("SilverStar" = "Silver Star"), common
 * abbreviations expanded ("Tech" = "Technology"), and Hangul, Hanzi and Cyrillic transliterated to
 * Latin (any-ascii) so a name compares with the same name typed in another script's romanisation.
 */

/**
 * Scores at or above this are a match. Chosen so that the spelling games seen in designations
 * pass ("Yanbian Silver Star Network Tech Co." ↔ "Yanbian Silverstar Network Technology Co., Ltd."
 * = 1.0; one typo in a 30-letter name ≈ 0.97) while a shared word or two does not ("Silver Star
 * Technology" ↔ the same ≈ 0.6). OpenSanctions uses 0.70 for "possible match"; a rule that can reach
 * critical needs a stricter bar.
 */
export const COMPANY_MATCH_THRESHOLD = 0.9;
/** Fuzzy scores only for names of at least this many letters: "Alis" must not match "Alix". */
const MIN_FUZZY_LENGTH = 10;
/** A listed name this long, written out inside a longer one, counts ("… Co. (Shenyang branch)"). */
export const MIN_CONTAINED_LENGTH = 12;
const MAX_INPUT = 300;

const DOTTED = /\b(?:\p{L}\.){2,}/gu;
const APOSTROPHES = /['’ʼ`ʹ]/g;
const APOSTROPHE = /['’ʼ`ʹ]/;
const NON_ASCII = /[^\x00-\x7f]/;

/** A phrase can only be dropped from tokens that hold its first word: most names hold none. */
const PHRASE_STARTS = new Set(LEGAL_FORM_PHRASES.map((p) => p[0]!));

function dropPhrases(tokens: string[]): string[] {
  if (!tokens.some((t) => PHRASE_STARTS.has(t))) return tokens;
  let out = tokens;
  for (const phrase of LEGAL_FORM_PHRASES) {
    for (let i = 0; i + phrase.length <= out.length; i++) {
      if (phrase.every((w, k) => out[i + k] === w)) {
        out = [...out.slice(0, i), ...out.slice(i + phrase.length)];
        i--;
      }
    }
  }
  return out;
}

export function companyTokens(raw: string): string[] {
  let text = raw.slice(0, MAX_INPUT);
  // Plain ASCII is its own NFKC form and holds no native-script legal form.
  if (NON_ASCII.test(text)) text = text.normalize('NFKC').replace(NATIVE_LEGAL_FORMS, ' ');
  // Initials need two dots; apostrophes are rare: test before rewriting.
  if (text.includes('.')) text = text.replace(DOTTED, (m) => m.replace(/\./g, ''));
  if (APOSTROPHE.test(text)) text = text.replace(APOSTROPHES, '');
  if (NON_ASCII.test(text)) text = anyAscii(text).replace(APOSTROPHES, '');
  const folded = foldText(text);
  if (!folded) return [];
  const tokens = dropPhrases(folded.split(' ').map((t) => ABBREVIATIONS[t] ?? t));
  return tokens.filter((t) => !LEGAL_FORM_TOKENS.has(t));
}

/** Tokens joined without spaces, so "SilverStar" and "Silver Star" give one key. */
export function companyKey(raw: string): string {
  return companyTokens(raw).join('');
}

/** A name prepared once for many comparisons (list entries are prepared when a rule compiles). */
export interface PreparedCompany {
  raw: string;
  tokens: string[];
  key: string;
  sortedKey: string;
  /** For the shared-letter bound (undefined for very long keys: no bound then). */
  letters: LetterCounts | undefined;
}

/** Memoised: the same employers come back in every export (treat the result as read-only). */
export const prepareCompany: (raw: string) => PreparedCompany = memoize((raw) => {
  const tokens = companyTokens(raw);
  const key = tokens.join('');
  return { raw, tokens, key, sortedKey: [...tokens].sort().join(''), letters: letterCounts(key) };
});

/** Whether some run of whole words of the candidate, joined, is the listed key. */
function containsWords(tokens: string[], key: string): boolean {
  for (let i = 0; i < tokens.length; i++) {
    let joined = '';
    for (let j = i; j < tokens.length && joined.length < key.length; j++) {
      joined += tokens[j];
      if (joined === key) return true;
    }
  }
  return false;
}

export interface CompanySimilarity {
  /** 0..1; a match at or above COMPANY_MATCH_THRESHOLD. */
  score: number;
  how: 'same name once normalised' | 'listed name inside' | 'spelling' | 'word order' | 'words';
}

/**
 * How alike a free-text name (`candidate`) is to a listed one: the best of the joined-letters form
 * (spacing-proof), the same with words sorted (order-proof) and word-by-word pairing.
 */
export function companySimilarity(candidate: PreparedCompany | string, listed: PreparedCompany | string): CompanySimilarity {
  return similarity(typeof candidate === 'string' ? prepareCompany(candidate) : candidate, typeof listed === 'string' ? prepareCompany(listed) : listed, 0);
}

/**
 * Below this a raw score cannot round to COMPANY_MATCH_THRESHOLD (0.895 rounds up to 0.90), with
 * a margin for floating point: scores under it need not be exact to decide a match.
 */
export const MATCH_FLOOR = COMPANY_MATCH_THRESHOLD - 0.01;

/**
 * companySimilarity when it can reach COMPANY_MATCH_THRESHOLD (same score, same method), else a
 * score below it, found without scoring the hopeless pairs: what watchlist matching needs.
 */
export function companyMatch(candidate: PreparedCompany, listed: PreparedCompany): CompanySimilarity {
  return similarity(candidate, listed, MATCH_FLOOR);
}

/** Most pairs of names have nothing in common: one shared answer rather than one object each. */
const NO_MATCH: CompanySimilarity = Object.freeze({ score: 0, how: 'words' });

function similarity(c: PreparedCompany, l: PreparedCompany, floor: number): CompanySimilarity {
  if (!c.key || !l.key) return NO_MATCH;
  if (c.key === l.key) return { score: 1, how: 'same name once normalised' };
  // The listed key must be a substring of the joined words before it can be whole words of them.
  if (l.key.length >= MIN_CONTAINED_LENGTH && c.key.includes(l.key) && containsWords(c.tokens, l.key)) return { score: 0.95, how: 'listed name inside' };
  const shorter = Math.min(c.key.length, l.key.length);
  if (shorter < MIN_FUZZY_LENGTH) return NO_MATCH;
  // No measure can beat 2·common/(both lengths), `common` being the letters both keys share:
  // an edit script keeps at most `common` letters, so spelling and word order are at most
  // common/longer; paired words score at most twice their shared letters over all letters. Both
  // keys are the tokens' letters, so one bound serves all three; `shorter` bounds `common`.
  if (floor > 0) {
    const both = c.key.length + l.key.length;
    if ((2 * shorter) / both < floor) return NO_MATCH;
    if (c.letters && l.letters && (2 * commonLetters(c.letters, l.letters)) / both < floor) return NO_MATCH;
  }
  const edit = floor > 0 ? (x: string, y: string) => editSimilarityAtLeast(x, y, floor) : editSimilarity;
  const best: CompanySimilarity[] = [
    { score: edit(c.key, l.key), how: 'spelling' },
    { score: edit(c.sortedKey, l.sortedKey), how: 'word order' },
    { score: tokenSimilarity(c.tokens, l.tokens), how: 'words' },
  ];
  best.sort((x, y) => y.score - x.score);
  return { score: Math.round(best[0]!.score * 100) / 100, how: best[0]!.how };
}

/** Whether a free-text employer name names the listed company (see COMPANY_MATCH_THRESHOLD). */
export function sameCompany(candidate: string, listed: string): boolean {
  return companyMatch(prepareCompany(candidate), prepareCompany(listed)).score >= COMPANY_MATCH_THRESHOLD;
}
