import type { Applicant } from '../model/applicant.js';
import { foldText } from '../normalize/text.js';
import { anchoredReplace } from '../util/anchored-replace.js';

// Every repetition is bounded: these run on résumé text of up to a megabyte, and an unbounded
// `[^\s@]+@` retried from every start of a 30 000-character word is quadratic (seconds a record).
// The bounds are those of the things matched (RFC 5321: a local part of 64, a domain of 255).
const URL = /\b(?:https?:\/\/|www\.)\S{1,2048}/gi;
const EMAIL = /[^\s@<>()]{1,64}@[^\s@<>()]{1,255}\.[a-z]{2,24}/gi;
/** A phone number as written in a résumé header: seven or more digits with the usual separators. */
const PHONE = /\+?\(?\d[\d\s().\/-]{5,30}\d/g;
/** Bare profile handles (linkedin.com/in/x without a scheme, github.com/x). */
const HANDLE = /\b[\w.-]{1,100}\.(?:com|io|dev|me|net|org)\/\S{0,2048}/gi;
/** What every match of EMAIL and HANDLE holds, at most 64 and 100 characters after its start. */
const AT = /@/g;
const DOMAIN_SLASH = /\.(?:com|io|dev|me|net|org)\//gi;

/** The identifiers taken out of a résumé; EMAIL and HANDLE tried only near an "@" or a ".com/" (util/anchored-replace.ts). */
export function stripIdentifiers(text: string): string {
  return anchoredReplace(anchoredReplace(text.replace(URL, ' '), EMAIL, AT, 64, ' '), HANDLE, DOMAIN_SLASH, 100, ' ').replace(PHONE, ' ');
}

/** The patterns, in the order they are taken out (tests hold stripIdentifiers to plain replaces of them). */
export const IDENTIFIER_PATTERNS = [URL, EMAIL, HANDLE, PHONE] as const;

/**
 * The person's own words, folded: their names, the local parts of their e-mails, their addresses,
 * city and region. A résumé mill changes exactly these per persona; left in, they keep four
 * otherwise word-for-word résumés under the similarity threshold.
 */
export function ownWords(a: Applicant): Set<string> {
  const own = new Set<string>();
  const addWords = (v: unknown) => {
    if (typeof v !== 'string') return;
    for (const w of foldText(v).split(' ')) if (w) own.add(w);
  };
  addWords(a.name.full);
  addWords(a.name.given);
  addWords(a.name.family);
  (a.name.aliases ?? []).forEach(addWords);
  for (const e of a.contact?.emails ?? []) addWords(e.split('@')[0]?.replace(/[._+-]+/g, ' '));
  for (const x of [...(a.contact?.addresses ?? []), ...(a.equipment?.shipTo ? [a.equipment.shipTo] : [])]) {
    addWords(x.line1);
    addWords(x.line2);
    addWords(x.city);
    addWords(x.region);
    addWords(x.postalCode);
  }
  addWords(a.claimedLocation?.city);
  addWords(a.claimedLocation?.region);
  return own;
}

/**
 * The résumé text without what identifies the person: their own words (ownWords) and any URL,
 * e-mail or phone number. What is left is the part a mill copies: the history, the skills and the
 * wording. (Linking shingles stripIdentifiers(text) without ownWords(a) directly: the same words,
 * without building this text; test/unit/correlate/impersonal-text.test.ts holds the two equal.)
 */
export function impersonalText(text: string, a: Applicant): string {
  const own = ownWords(a);
  const stripped = stripIdentifiers(text);
  if (own.size === 0) return stripped;
  return foldText(stripped)
    .split(' ')
    .filter((w) => w && !own.has(w))
    .join(' ');
}
