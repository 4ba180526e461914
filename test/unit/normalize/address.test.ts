import { describe, expect, test } from 'vitest';
import { addressKey, formatAddress, normalizeStreet, sameAddress } from '../../../src/normalize/address.js';

const home = { line1: '12 Elm Street', line2: 'Apartment 4', city: 'Columbus', region: 'OH', postalCode: '43004', country: 'US' };

describe('sameAddress', () => {
  test('abbreviations, case and punctuation do not make a different place', () => {
    expect(sameAddress(home, { line1: '12 ELM ST.', line2: 'Apt 4', city: 'columbus', postalCode: '43004', country: 'us' })).toBe(true);
    expect(sameAddress({ line1: '500 North Main Avenue' }, { line1: '500 N. Main Ave' })).toBe(true);
  });

  test('a different street line, postal code or country is a different place', () => {
    expect(sameAddress(home, { ...home, line1: '14 Elm Street' })).toBe(false);
    expect(sameAddress(home, { ...home, postalCode: '43005' })).toBe(false);
    expect(sameAddress(home, { ...home, country: 'CA' })).toBe(false);
  });

  test('the city decides only when a postal code is missing on one side', () => {
    const noPostal = { line1: '12 Elm St', line2: 'Apt 4' };
    expect(sameAddress({ ...noPostal, city: 'Columbus' }, { ...home, postalCode: undefined })).toBe(true);
    expect(sameAddress({ ...noPostal, city: 'Dayton' }, { ...home, postalCode: undefined })).toBe(false);
    // With both postal codes equal, a differently written city does not matter.
    expect(sameAddress(home, { ...home, city: 'Columbus Township' })).toBe(true);
  });

  test('undefined when either side has no street line', () => {
    expect(sameAddress({ city: 'Columbus', country: 'US' }, home)).toBeUndefined();
    expect(sameAddress(home, {})).toBeUndefined();
  });

  test('symmetric', () => {
    const other = { line1: '12 Elm St', city: 'Dayton' };
    expect(sameAddress(home, other)).toBe(sameAddress(other, home));
  });
});

test('normalizeStreet folds street words', () => {
  // A bag of words: order and unit designators (Suite, Apt, #) do not count.
  expect(normalizeStreet('12 North Elm Street, Suite 5')).toBe('12 5 elm n st');
});

test('addressKey gives one key for one place written two ways, and none without a street', () => {
  expect(addressKey(home)).toBe(addressKey({ line1: '12 elm st', line2: 'apt 4', postalCode: '43 004', country: 'us' }));
  expect(addressKey({ city: 'Columbus' })).toBeUndefined();
});

test('formatAddress joins the parts that exist', () => {
  expect(formatAddress({ line1: '12 Elm St', city: 'Columbus', country: 'US' })).toBe('12 Elm St, Columbus, US');
});

describe('one address written in several ways is one address', () => {
  const same = (a: string, b: string, postal?: string) => sameAddress({ line1: a, postalCode: postal }, { line1: b, postalCode: postal });
  test.each([
    ['Wühlischstraße 31', 'Wuehlischstr. 31'],
    ['Wühlischstraße 31', 'Wühlischstrasse 31'],
    ['Bahnhofstr. 5', 'Bahnhofstrasse 5'],
    ['Rue de Rivoli 12', '12 rue de Rivoli'],
    ['123 Main Street Apt 4', '123 Main St #4'],
    ['500 Market Street, Suite 210', '500 Market St Ste 210'],
  ])('%s = %s', (a, b) => expect(same(a, b, '10245')).toBe(true));
  test.each([
    ['12 Elm St', '14 Elm St'],
    ['12 Elm St', '12 Oak St'],
    ['123 Main St Apt 4', '123 Main St Apt 5'],
  ])('%s ≠ %s', (a, b) => expect(same(a, b)).toBe(false));
});
