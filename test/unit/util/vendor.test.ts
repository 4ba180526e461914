import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { requireVendored, vendorFile, VENDORED } from '../../../src/util/vendor.js';

const lib = createRequire(import.meta.url)('libphonenumber-js/max') as typeof import('libphonenumber-js/max');
type Lib = typeof lib;

// npm test builds first, so the pre-bundled copies exist; the copy must answer as the package does.
describe('pre-bundled packages (dist/vendor)', () => {
  test('every vendored package was built, and is the copy loaded', () => {
    for (const name of VENDORED) {
      expect(existsSync(vendorFile(name))).toBe(true);
      expect(requireVendored(name).vendored).toBe(true);
    }
  });

  test('the bundled libphonenumber (with its cached pattern helper) reads numbers as the package does', () => {
    const bundled = requireVendored<Lib>('libphonenumber-js/max').lib;
    const numbers = [
      '+1 614 555 0142',
      '+44 (0)20 7946 0958',
      '+7 8 495 123 45 67',
      '+850 2 381 1234',
      '+86 138 0013 8000',
      '020 7946 0958',
      '(614) 555-0142',
      '+61 04 1234 5678',
      '+999 1234',
    ];
    for (const raw of numbers) {
      for (const country of ['US', 'GB', 'CN', undefined] as const) {
        const a = bundled.parsePhoneNumberFromString(raw, country ? { defaultCountry: country } : undefined);
        const b = lib.parsePhoneNumberFromString(raw, country ? { defaultCountry: country } : undefined);
        expect([a?.number, a?.country, a?.getType(), a?.isValid()]).toEqual([b?.number, b?.country, b?.getType(), b?.isValid()]);
      }
    }
  });
});
