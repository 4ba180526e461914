import { describe, expect, test } from 'vitest';
import { enrich } from '../../../src/enrich/index.js';
import type { Applicant } from '../../../src/model/applicant.js';

const base: Applicant = { id: 'cand-1', name: { full: 'Jordan Miller' } };

describe('payee facts', () => {
  test('the current bank account and every change', () => {
    const f = enrich({
      ...base,
      payroll: {
        bank: { holderName: 'Jordan Miller', country: 'US' },
        changes: [
          { at: '2026-11-20', holderName: 'Li Wei', country: 'CN' },
          { at: '2026-12-01', method: 'crypto' },
        ],
      },
    });
    expect(f.derived.payees).toEqual([
      { origin: 'payroll.bank', holderName: 'Jordan Miller', country: 'US' },
      { origin: 'payroll.changes[0]', holderName: 'Li Wei', country: 'CN' },
    ]);
  });

  test('no payee with neither holder nor country; null bank is fine', () => {
    expect(enrich({ ...base, payroll: { bank: null, method: 'crypto' } }).derived).not.toHaveProperty('payees');
    expect(enrich({ ...base, payroll: { bank: { bankName: 'X' } } }).derived).not.toHaveProperty('payees');
  });
});
