import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { parsePhone, phoneForComparison, samePhone } from '../../../src/normalize/phone.js';

// The library itself, for what it says about a number with a given default country.
const lib = createRequire(import.meta.url)('libphonenumber-js/max') as typeof import('libphonenumber-js/max');

const NUMBERS = [
  '+1 614 555 0142',
  '+44 (0)20 7946 0958',
  '+7 8 495 123 45 67',
  '+850 2 381 1234',
  '+86 138 0013 8000',
  ' +33 1 23 45 67 89',
  '+1 200 200 0000 ext 5',
  '+999 1234',
  '+',
];
// XX: not a country the library knows.
const COUNTRIES = ['US', 'GB', 'CN', 'KP', 'DE', 'IN', 'BR', 'XX'];

describe('a phone number is parsed once', () => {
  test("a number written with '+' is read as the library reads it, whatever the default country", () => {
    for (const raw of NUMBERS) {
      for (const country of COUNTRIES) {
        const p = parsePhone(raw, country);
        const direct = lib.parsePhoneNumberFromString(raw, { defaultCountry: country as never });
        expect(p.e164).toBe(direct?.number);
        expect(p.country).toBe(direct?.country);
        expect(p.valid).toBe(direct ? direct.isValid() : false);
        expect(p.type).toBe(direct?.getType()?.toLowerCase());
      }
    }
  });

  test('comparison parsing agrees with the full parse on the number and its country', () => {
    for (const raw of [...NUMBERS, '614 555 0142', '(614) 555-0142']) {
      const light = phoneForComparison(raw);
      const full = parsePhone(raw);
      expect([light.e164, light.country]).toEqual([full.e164, full.country]);
    }
    expect(samePhone('(614) 555-0142', '+1 614 555 0142')).toBe(true);
    expect(samePhone('+44 (0)20 7946 0958', '+44 20 7946 0958')).toBe(true);
    expect(samePhone('+44 20 7946 0958', '+44 20 7946 0959')).toBe(false);
  });
});

describe('the E.164 fast path reads digits only where libphonenumber would answer the same', () => {
  // National prefixes written after the country code are dropped by the library; the fast path
  // must leave those to it.
  const SAMPLE = [
    '+1 614 555 0142',
    '+1 (614) 555-0142',
    '+1-800-555-0100',
    '+44 020 7946 0958',
    '+44 (0) 20 7946 0958',
    '+7 8 495 123 4567',
    '+61 04 1234 5678',
    '+33 0 1 23 45 67 89',
    '+39 06 1234 5678',
    '+1 1 614 555 0142',
  ];

  test("fastE164 is the library's number or nothing", async () => {
    const { fastE164 } = await import('../../../src/normalize/phone.js');
    for (const raw of SAMPLE) {
      const fast = fastE164(raw);
      if (fast) expect(fast).toBe(lib.parsePhoneNumberFromString(raw)?.number);
    }
    expect(fastE164('+1 614 555 0142')).toBe('+16145550142');
    expect(fastE164('+44 020 7946 0958')).toBeUndefined();
  });

  test('link keys of a number written with a national prefix after the country code meet the plain form', async () => {
    const { normalizePhone } = await import('../../../src/correlate/link-keys.js');
    expect(normalizePhone('+44 020 7946 0958')).toBe(normalizePhone('+44 20 7946 0958'));
    expect(normalizePhone('+61 04 1234 5678')).toBe('+61412345678');
    expect(normalizePhone('+1 (614) 555-0142')).toBe('+16145550142');
  });

  test('a fast-path number still gives its country when a national-format number is compared with it', () => {
    const fast = phoneForComparison('+1 312 555 0199');
    expect(fast.e164).toBe('+13125550199');
    expect(fast.country).toBe(lib.parsePhoneNumberFromString('+1 312 555 0199')?.country);
    expect(samePhone('(312) 555-0199', '+1 312 555 0199')).toBe(true);
  });
});
