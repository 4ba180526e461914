import { describe, expect, test } from 'vitest';
import { parsePhone, phoneKey } from '../../../src/normalize/phone.js';

describe('parsePhone', () => {
  test.each([
    ['+86 138 0013 8000', 'CN', 'mobile'],
    ['+7 912 345 67 89', 'RU', 'mobile'],
    ['+1 614 555 0142', 'US', 'fixed_line_or_mobile'],
    ['+44 20 7946 0958', 'GB', 'fixed_line'],
    ['+44 56 1234 5678', 'GB', 'voip'],
    ['+82 10-1234-5678', 'KR', 'mobile'],
  ])('%s → %s %s', (raw, country, type) => {
    const p = parsePhone(raw);
    expect(p.country).toBe(country);
    expect(p.type).toBe(type);
    expect(p.valid).toBe(true);
    expect(p.e164).toMatch(/^\+\d+$/);
  });

  test('+1 numbers are US or CA by area code, never voip', () => {
    expect(parsePhone('+1 416 555 0199').country).toBe('CA');
    expect(parsePhone('+1 614 555 0142').type).not.toBe('voip');
  });

  test('a number without + is read in the declared country', () => {
    expect(parsePhone('614 555 0142', 'US')).toMatchObject({ country: 'US', e164: '+16145550142' });
    expect(parsePhone('020 7946 0958', 'GB')).toMatchObject({ country: 'GB', e164: '+442079460958' });
  });

  test('a number without + and without a declared country has no country', () => {
    expect(parsePhone('614 555 0142').country).toBeUndefined();
  });

  test('garbage is kept raw and marked invalid, never thrown', () => {
    expect(parsePhone('not a phone')).toEqual({ raw: 'not a phone', valid: false });
    expect(parsePhone('+999 123').valid).toBe(false);
    expect(() => parsePhone('+'.repeat(64))).not.toThrow();
  });

  test('phoneKey makes differently written numbers equal', () => {
    expect(phoneKey('+1 (614) 555-0142')).toBe(phoneKey('+16145550142'));
    expect(phoneKey('+1 614 555 0142')).not.toBe(phoneKey('+1 614 555 0143'));
  });
});
