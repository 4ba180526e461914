import type { Address } from '../model/applicant.js';
import type { Comparator } from '../model/rule.js';
import { normalizeStreet, sameStreetAddress } from '../normalize/address.js';
import { COMPANY_MATCH_THRESHOLD, companyMatch, prepareCompany } from '../normalize/company.js';
import { sameName, shareNamePart } from '../normalize/name.js';
import { phoneForComparison, sameParsedPhone, type PhoneKeyFacts } from '../normalize/phone.js';
import { foldText } from '../normalize/text.js';
import { memoize } from '../util/memo.js';
import { isoDay, parseDate } from '../util/dates.js';
import { lookupTable } from '../util/lookup-table.js';

/**
 * How two values are judged "the same" by equals / in / sameAs / differsFrom. `same` returns
 * undefined when the pair cannot be compared: a rule must never read "could not tell" as "differs".
 *
 * A comparator is split in two: `prepare` normalises one value (undefined: not comparable), `same`
 * compares two prepared values. A rule's literal operands and list entries are prepared once
 * when it compiles, a record's value once per leaf rather than once per listed entry.
 * `keyed`: prepared values are equal exactly when `same` says so, so a Map can stand in for a
 * scan of a long list.
 */
export interface Comparison<P = unknown> {
  prepare: (v: unknown) => P | undefined;
  same: (a: P, b: P) => boolean | undefined;
  keyed?: boolean;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

const ifString =
  <P>(f: (s: string) => P) =>
  (v: unknown): P | undefined => {
    const s = str(v);
    return s === undefined ? undefined : f(s);
  };

const isAddress = (v: unknown): Address | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Address) : undefined);

const fold = memoize(foldText);
const equal = (a: unknown, b: unknown) => a === b;

interface PreparedDate {
  ms: number | undefined;
  /** Length of the written date: 1991-03 is month precision. */
  precision: number;
}

// Same calendar day; "1991-03" and "1991-03-14" are not comparable at day precision, so they agree.
function sameDate(x: PreparedDate, y: PreparedDate): boolean | undefined {
  if (x.ms === undefined || y.ms === undefined) return undefined;
  const px = x.precision;
  const py = y.precision;
  if (px < 10 || py < 10) return isoDay(x.ms).slice(0, Math.min(px, py, 7)) === isoDay(y.ms).slice(0, Math.min(px, py, 7));
  return isoDay(x.ms) === isoDay(y.ms);
}

export const COMPARISONS: Record<Comparator, Comparison<any>> = lookupTable({
  exact: { prepare: (v) => v, same: equal, keyed: true },
  text: { prepare: ifString(fold), same: equal, keyed: true },
  country: { prepare: ifString((s) => s.trim().toUpperCase()), same: equal, keyed: true },
  email: { prepare: ifString((s) => s.trim().toLowerCase()), same: equal, keyed: true },
  phone: { prepare: ifString(phoneForComparison), same: sameParsedPhone } satisfies Comparison<PhoneKeyFacts>,
  // Normalised on demand (memoised): most comparisons are a name with itself, which needs none.
  name: { prepare: str, same: sameName } satisfies Comparison<string>,
  'name-part': { prepare: str, same: shareNamePart } satisfies Comparison<string>,
  company: { prepare: ifString(prepareCompany), same: (a, b) => companyMatch(a, b).score >= COMPANY_MATCH_THRESHOLD } satisfies Comparison<
    ReturnType<typeof prepareCompany>
  >,
  address: {
    prepare: (v) => {
      const a = isAddress(v);
      return a && { address: a, street: normalizeStreet([a.line1, a.line2].filter(Boolean).join(' ')) };
    },
    same: (x, y) => sameStreetAddress(x.address, x.street, y.address, y.street),
  } satisfies Comparison<{ address: Address; street: string }>,
  date: { prepare: ifString((s) => ({ ms: parseDate(s), precision: s.trim().length })), same: sameDate } satisfies Comparison<PreparedDate>,
});
