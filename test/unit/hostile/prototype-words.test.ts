import { describe, expect, test } from 'vitest';
import { normalizeStreet } from '../../../src/normalize/address.js';
import { companyKey } from '../../../src/normalize/company.js';

const WORDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

describe('words that name Object.prototype members are plain words', () => {
  test('street lines', () => {
    expect(normalizeStreet('12 Constructor Way')).toBe('12 constructor way');
    for (const w of WORDS) expect(normalizeStreet(`1 ${w} Street`)).toMatch(/^1 [a-z]+ st$|^1 st [a-z]+$/);
  });

  test('company names', () => {
    expect(companyKey('Constructor Trading')).toBe('constructortrade');
    for (const w of WORDS) expect(companyKey(`${w} Trading`)).not.toMatch(/function|native code|\[object/);
  });
});
