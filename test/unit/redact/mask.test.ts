import { describe, expect, test } from 'vitest';
import { maskAt, maskFor } from '../../../src/redact/mask.js';

describe('maskAt', () => {
  test('masks personal fields inside objects and keeps the rest', () => {
    expect(maskAt('payroll.bank', { holderName: 'Kevin D. Hart', country: 'US', bankName: 'Example Bank', accountFingerprint: 'sha256:abc' }).value).toEqual({
      holderName: '[name]',
      country: 'US',
      bankName: 'Example Bank',
      accountFingerprint: '[account]',
    });
    expect(maskAt('identity.documents[1]', { type: 'passport', nameOnDocument: 'A B', dateOfBirth: '1990-01-01', issuingCountry: 'KR' }).value).toEqual({
      type: 'passport',
      nameOnDocument: '[name]',
      dateOfBirth: '[date of birth]',
      issuingCountry: 'KR',
    });
  });

  test.each([
    ['profiles[0].url', 'https://github.com/jmiller', '[profile]'],
    ['profiles[2].username', 'jmiller', '[profile]'],
    ['references[0].email', 'pat@x.example', '[email]'],
    ['photo.perceptualHash', 'f0e1d2c3', '[hash]'],
    ['resume.text', 'Ten years of Go at Acme', '[text]'],
    ['extra.atsNotes', 'called Jordan on his cell', '[redacted]'],
    ['payroll.changes[1].cryptoWallet', 'TXYZ', '[wallet]'],
    ['contact.phones[0]', '614 555 0142', '[phone]'],
    ['contact.phones[0]', '+82 2 312 3456', '[phone, KR]'],
  ])('%s is masked', (path, value, mask) => {
    expect(maskAt(path, value).value).toBe(mask);
  });

  test('keeps public fields, and what the table does not know', () => {
    expect(maskAt('employment[0].employer', 'Acme Logistics Inc.').value).toBe('Acme Logistics Inc.');
    expect(maskAt('claimedLocation.country', 'US').value).toBe('US');
    expect(maskAt('derived.newFact', 'x').value).toBe('x');
  });

  test('an address keeps only a well-formed country', () => {
    expect(maskFor('address', { line1: 'x', country: 'fr' })).toBe('[address, FR]');
    expect(maskFor('address', { line1: 'x', country: 'France <b>' })).toBe('[address]');
  });
});
