import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';

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
 * for numbers written without a "+" country code.
 */
export function parsePhone(raw: string, defaultCountry?: string): PhoneFacts {
  try {
    const parsed = parsePhoneNumberFromString(raw, defaultCountry ? { defaultCountry: defaultCountry as CountryCode } : undefined);
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
export function phoneKey(raw: string): string {
  const p = parsePhone(raw);
  return p.e164 ?? raw.replace(/\D/g, '');
}
