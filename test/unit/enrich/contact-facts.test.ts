import { describe, expect, test } from 'vitest';
import { enrich } from '../../../src/enrich/index.js';
import type { Applicant } from '../../../src/model/applicant.js';

const base: Applicant = { id: 'cand-1', name: { full: 'Jordan Miller' } };

describe('contact facts', () => {
  test('phones get country, type and E.164', () => {
    const f = enrich({ ...base, contact: { phones: ['+86 138 0013 8000', '+44 56 1234 5678', '+1 614 555 0142'] } });
    expect(f.derived.phones).toEqual([
      expect.objectContaining({ raw: '+86 138 0013 8000', country: 'CN', type: 'mobile', valid: true, e164: '+8613800138000' }),
      expect.objectContaining({ country: 'GB', type: 'voip' }),
      expect.objectContaining({ country: 'US' }),
    ]);
  });

  test('numbers without + are read in the declared country', () => {
    const f = enrich({ ...base, claimedLocation: { country: 'GB' }, contact: { phones: ['020 7946 0958'] } });
    expect(f.derived.phones).toEqual([expect.objectContaining({ country: 'GB', e164: '+442079460958' })]);
  });

  test('emails are split into local part and lower-cased domain', () => {
    const f = enrich({ ...base, contact: { emails: ['Jordan.Miller@Example.COM', 'a@b@mail.example'] } });
    expect(f.derived.emails).toEqual([
      { address: 'Jordan.Miller@Example.COM', local: 'Jordan.Miller', domain: 'example.com', disposable: false },
      { address: 'a@b@mail.example', local: 'a@b', domain: 'mail.example', disposable: false },
    ]);
  });

  test('no phones or emails: nothing derived', () => {
    expect(enrich({ ...base, contact: { phones: [], emails: [] } }).derived).toEqual({});
  });
});
