import type { Address } from '../model/applicant.js';
import type { Comparator } from '../model/rule.js';
import { sameAddress } from '../normalize/address.js';
import { sameCompany } from '../normalize/company.js';
import { sameName, shareNamePart } from '../normalize/name.js';
import { samePhone } from '../normalize/phone.js';
import { foldText } from '../normalize/text.js';
import { isoDay, parseDate } from '../util/dates.js';

/**
 * How two values are judged "the same" by equals / in / sameAs / differsFrom. Each returns
 * undefined when the pair cannot be compared: a rule must never read "could not tell" as "differs".
 */
export type SameFn = (a: unknown, b: unknown) => boolean | undefined;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

function both<T>(a: unknown, b: unknown, conv: (v: unknown) => T | undefined, f: (x: T, y: T) => boolean | undefined) {
  const x = conv(a);
  const y = conv(b);
  return x === undefined || y === undefined ? undefined : f(x, y);
}

const isAddress = (v: unknown): Address | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Address) : undefined;

export const COMPARATOR_FNS: Record<Comparator, SameFn> = {
  exact: (a, b) => (a === undefined || b === undefined ? undefined : a === b),
  text: (a, b) => both(a, b, str, (x, y) => foldText(x) === foldText(y)),
  country: (a, b) => both(a, b, str, (x, y) => x.trim().toUpperCase() === y.trim().toUpperCase()),
  email: (a, b) => both(a, b, str, (x, y) => x.trim().toLowerCase() === y.trim().toLowerCase()),
  phone: (a, b) => both(a, b, str, samePhone),
  name: (a, b) => both(a, b, str, sameName),
  'name-part': (a, b) => both(a, b, str, shareNamePart),
  company: (a, b) => both(a, b, str, sameCompany),
  address: (a, b) => both(a, b, isAddress, sameAddress),
  // Same calendar day; "1991-03" and "1991-03-14" are not comparable at day precision, so they agree.
  date: (a, b) => both(a, b, str, (x, y) => {
    const dx = parseDate(x);
    const dy = parseDate(y);
    if (dx === undefined || dy === undefined) return undefined;
    const px = x.trim().length;
    const py = y.trim().length;
    if (px < 10 || py < 10) return isoDay(dx).slice(0, Math.min(px, py, 7)) === isoDay(dy).slice(0, Math.min(px, py, 7));
    return isoDay(dx) === isoDay(dy);
  }),
};
