import type { Address } from '../model/applicant.js';
import { foldText } from './text.js';
import { lookupTable } from '../util/lookup-table.js';
import { memoize } from '../util/memo.js';

const STREET_WORDS: Record<string, string> = lookupTable({
  street: 'st',
  avenue: 'ave',
  av: 'ave',
  road: 'rd',
  boulevard: 'blvd',
  bd: 'blvd',
  drive: 'dr',
  lane: 'ln',
  court: 'ct',
  place: 'pl',
  terrace: 'ter',
  highway: 'hwy',
  parkway: 'pkwy',
  square: 'sq',
  strasse: 'str',
  platz: 'pl',
  weg: 'wg',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
});

/** Words that only introduce a unit number: "Apt 4", "Suite 4", "#4" and "No. 4" are all "4". */
const DESIGNATORS = new Set(['apt', 'apartment', 'unit', 'suite', 'ste', 'no', 'nr', 'number', 'flat', 'room', 'rm']);

/**
 * A street line as a bag of words: case, accents, punctuation, common abbreviations, German
 * spellings (ß/ss, ü/ue, "-straße"/"-str.") and word order ("12 rue de Rivoli" = "Rue de Rivoli 12")
 * do not make two writings of one address differ.
 */
export function normalizeStreet(line: string): string {
  return streetMemo(line);
}

// One street line is normalised several times per record: its link key, the ship-to that repeats
// the home address, and every rule that compares addresses (Unicode folding is the cost).
// One pass over the words (this runs on every address of a batch; most lines hold no ß and most
// words no "e" for the German vowel spellings).
const streetMemo = memoize((line: string): string => {
  const words: string[] = [];
  for (let t of foldText(line.includes('ß') ? line.replace(/ß/g, 'ss') : line).split(' ')) {
    t = STREET_WORDS[t] ?? t;
    if (t.length > 6 && t.endsWith('strasse')) t = `${t.slice(0, -7)}str`;
    if (t.includes('e')) t = t.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
    if (t && !DESIGNATORS.has(t)) words.push(t);
  }
  return words.sort().join(' ');
});

function postal(code: string | undefined): string {
  return (code ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** A stable key for "the same place", used for comparisons and (in batch) for linking. */
export function addressKey(a: Address): string | undefined {
  const street = normalizeStreet([a.line1, a.line2].filter(Boolean).join(' '));
  if (!street) return undefined;
  return [street, postal(a.postalCode), (a.country ?? '').toUpperCase()].join('|');
}

/**
 * Same place when the street lines agree and postal code, country and city do not contradict.
 * Undefined when either side lacks a street line: we cannot tell.
 */
export function sameAddress(a: Address, b: Address): boolean | undefined {
  return sameStreetAddress(a, normalizeStreet([a.line1, a.line2].filter(Boolean).join(' ')), b, normalizeStreet([b.line1, b.line2].filter(Boolean).join(' ')));
}

/** sameAddress with each street line already normalised (a rule's literal address is, once). */
export function sameStreetAddress(a: Address, sa: string, b: Address, sb: string): boolean | undefined {
  if (!sa || !sb) return undefined;
  if (sa !== sb) return false;
  const pa = postal(a.postalCode);
  const pb = postal(b.postalCode);
  // ZIP+4 and similar extensions: 43004 and 43004-1234 are the same area.
  if (pa && pb && !(pa.startsWith(pb) || pb.startsWith(pa))) return false;
  if (a.country && b.country && a.country.toUpperCase() !== b.country.toUpperCase()) return false;
  if (!(pa && pb) && a.city && b.city && foldText(a.city) !== foldText(b.city)) return false;
  return true;
}

export function formatAddress(a: Address): string {
  return [a.line1, a.line2, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ');
}
