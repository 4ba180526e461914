import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { parsePhone, phoneForComparison, samePhone } from '../../../src/normalize/phone.js';

// The library itself, for what it says about a number with a given default country.
const lib = createRequire(import.meta.url)('libphonenumber-js/max') as typeof import('libphonenumber-js/max');

const NUMBERS = ['+1 614 555 0142', '+44 (0)20 7946 0958', '+7 8 495 123 45 67', '+850 2 381 1234', '+86 138 0013 8000', ' +33 1 23 45 67 89', '+1 200 200 0000 ext 5', '+999 1234', '+'];
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
