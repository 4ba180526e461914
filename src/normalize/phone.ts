import type { CountryCode, isSupportedCountry as SupportedFn, parsePhoneNumberFromString as ParseFn } from 'libphonenumber-js/max';
import { memoize } from '../util/memo.js';
import { requireVendored } from '../util/vendor.js';
import { cachePhoneRegexes } from './phone-regex-cache.js';

// libphonenumber's full metadata costs tens of milliseconds to load; most runs that never see a
// phone number should not pay for it, so it is required on first use (its CommonJS build).
type Lib = { parsePhoneNumberFromString: typeof ParseFn; isSupportedCountry: typeof SupportedFn };
let lib: Lib | undefined;
function parser(): Lib {
  if (!lib) {
    const loaded = requireVendored<Lib>('libphonenumber-js/max');
    lib = loaded.lib;
    // The pre-bundled copy has the cached helper built in (scripts/bundle.mjs).
    if (!loaded.vendored) cachePhoneRegexes(import.meta.url);
  }
  return lib;
}

export interface PhoneFacts {
  raw: string;
  e164?: string;
  country?: string;
  /** libphonenumber's type in lower case (mobile, fixed_line, voip, ...); US numbers never say voip. */
  type?: string;
  valid: boolean;
}

/**
 * Parse a free-text phone number. `defaultCountry` is the applicant's declared country, used only
 * for numbers written without a "+" country code. Memoised (libphonenumber's parse, type and
 * validity checks are the costliest part of enrich, and a comparator parses the same numbers
 * again): the result is shared, so treat it as read-only.
 */
export function parsePhone(raw: string, defaultCountry?: string): PhoneFacts {
  if (!defaultCountry) return parseBare(raw);
  // libphonenumber reads a number that starts with "+" the same in every (known) default country,
  // so the applicant's phone parsed in enrich is the one a comparator asks for again.
  if (raw.trimStart().startsWith('+') && parser().isSupportedCountry(defaultCountry)) return parseBare(raw);
  return parseIn(`${defaultCountry}\u0000${raw}`);
}

const parseBare = memoize((raw: string) => parseUncached(raw, undefined));
const parseIn = memoize((key: string) => {
  const cut = key.indexOf('\u0000');
  return parseUncached(key.slice(cut + 1), key.slice(0, cut));
});

/** What a comparison needs of a number: its E.164 form and country. */
export type PhoneKeyFacts = Pick<PhoneFacts, 'raw' | 'e164' | 'country'>;

/**
 * A number parsed for comparison (no default country). Line type and validity are a third of
 * libphonenumber's cost and a comparison needs neither, so a number that enrich has not parsed
 * already is parsed without them.
 */
export function phoneForComparison(raw: string): PhoneKeyFacts {
  return parseBare.peek(raw) ?? forComparison(raw);
}

// Memoised too: a rule compares the applicant's number with every reference's, record after record.
const forComparison = memoize((raw: string): PhoneKeyFacts => e164FastPath(raw) ?? parseKey(raw));

/** "+", then digits with the usual punctuation: international format. */
const INTERNATIONAL = /^\s*\+[\d\s().\/-]{6,30}$/;

/**
 * E.164 without libphonenumber, where reading the digits is what libphonenumber answers: a
 * North American number, "+1" and ten digits whose area code starts 2–9 ("+1 (614) 555-0142" is
 * +16145550142). Elsewhere a national prefix written after the country code is dropped
 * ("+44 020 7946 0958" is +442079460958, "+7 8 495…" drops the 8), which needs the metadata.
 */
export function fastE164(raw: string): string | undefined {
  if (!INTERNATIONAL.test(raw)) return undefined;
  const digits = raw.replace(/\D/g, '');
  return digits.length === 11 && digits[0] === '1' && digits[1]! >= '2' ? `+${digits}` : undefined;
}

/** A comparison of two such numbers needs nothing else; the country is read only if asked. */
function e164FastPath(raw: string): PhoneKeyFacts | undefined {
  const e164 = fastE164(raw);
  if (!e164) return undefined;
  const facts = { raw, e164 } as PhoneKeyFacts;
  Object.defineProperty(facts, 'country', { enumerable: true, get: () => parseKey(raw).country });
  return facts;
}

const parseKey = memoize((raw: string): PhoneKeyFacts => {
  try {
    const parsed = parser().parsePhoneNumberFromString(raw);
    return parsed ? { raw, e164: parsed.number, country: parsed.country } : { raw };
  } catch {
    return { raw };
  }
});

function parseUncached(raw: string, defaultCountry: string | undefined): PhoneFacts {
  try {
    const parsed = parser().parsePhoneNumberFromString(raw, defaultCountry ? { defaultCountry: defaultCountry as CountryCode } : undefined);
    if (!parsed) return { raw, valid: false };
    const type = parsed.getType();
    return {
      raw,
      e164: parsed.number,
      country: parsed.country,
      type: type ? type.toLowerCase() : undefined,
      valid: parsed.isValid(),
    };
  } catch {
    return { raw, valid: false };
  }
}

/** Comparison key: E.164 when parseable, else the digits. */
export function phoneKey(raw: string, defaultCountry?: string): string {
  const p = parsePhone(raw, defaultCountry);
  return p.e164 ?? raw.replace(/\D/g, '');
}

/**
 * Same number? A number written without a country code is read in the other number's country,
 * so "(614) 555-0142" and "+1 614 555 0142" agree.
 */
export function samePhone(a: string, b: string): boolean | undefined {
  return sameParsedPhone(phoneForComparison(a), phoneForComparison(b));
}

/** samePhone on numbers parsed beforehand (without a default country, as phoneForComparison does). */
export function sameParsedPhone(pa: PhoneKeyFacts, pb: PhoneKeyFacts): boolean | undefined {
  const ka = pa.e164 ?? phoneKey(pa.raw, pb.country);
  const kb = pb.e164 ?? phoneKey(pb.raw, pa.country);
  if (!ka || !kb) return undefined;
  return ka === kb;
}

/**
 * A number nothing can use: libphonenumber cannot place it and it has too few digits to compare
 * or link on ("call me", "ext. 12"). Such a value is left out of every phone check and link.
 */
export function phoneUnreadable(raw: string, defaultCountry?: string): boolean {
  if (parsePhone(raw, defaultCountry).e164) return false;
  return raw.replace(/\D/g, '').length < 7;
}
