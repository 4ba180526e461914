import {
  addAlias,
  addEmail,
  country2,
  dayOf,
  emptyKeys,
  saltedHash,
  str,
  type AdaptContext,
  type Fragment,
  type Obj,
  type SourceAdapter,
} from './source-adapter.js';
import { compact } from './entra.js';

/**
 * A payroll system's direct-deposit changes as a plain CSV, for systems without an adapter
 * (docs/sources.md, "Generic payroll CSV"). Columns: applicant_id, worker_id, email,
 * effective_date (required), method, holder_name, bank_country, bank_name, routing_number,
 * account_number (both hashed at once, never kept), account_fingerprint, platform, crypto_wallet,
 * start_date.
 */
export const PAYROLL_CSV_COLUMNS = [
  'applicant_id',
  'worker_id',
  'email',
  'effective_date',
  'method',
  'holder_name',
  'bank_country',
  'bank_name',
  'routing_number',
  'account_number',
  'account_fingerprint',
  'platform',
  'crypto_wallet',
  'start_date',
];
const METHODS = new Set(['bank', 'payment_platform', 'crypto', 'check', 'other']);

export const payrollCsv: SourceAdapter = {
  name: 'payroll-csv',
  title: 'payroll changes CSV (effective_date, account_number, …)',
  role: 'source',
  detectCsv: (h) => h.includes('effective_date') && (h.includes('account_number') || h.includes('account_fingerprint') || h.includes('method')),
  adapt(r: Obj, ctx: AdaptContext): Fragment {
    const keys = emptyKeys();
    if (str(r.applicant_id)) keys.id = str(r.applicant_id);
    addAlias(keys, r.worker_id);
    addEmail(keys, r.email);
    const method = str(r.method)?.toLowerCase() ?? 'bank';
    const unmapped = METHODS.has(method) ? [] : [`method "${method}": not one of ${[...METHODS].join(', ')}; read as other`];
    const account = str(r.account_number);
    const change = compact({
      at: dayOf(r.effective_date, 'effective_date'),
      method: METHODS.has(method) ? method : 'other',
      holderName: str(r.holder_name),
      country: country2(r.bank_country, 'bank_country'),
      bankName: str(r.bank_name),
      platform: str(r.platform),
      cryptoWallet: str(r.crypto_wallet),
      accountFingerprint: account
        ? saltedHash(`${str(r.routing_number) ?? ''}:${account.replace(/[\s-]/g, '')}`, ctx.salt, 'account')
        : str(r.account_fingerprint),
    });
    const start = dayOf(r.start_date, 'start_date');
    const extraCols = Object.keys(r)
      .filter((k) => !PAYROLL_CSV_COLUMNS.includes(k))
      .map((k) => `${k}: not a column of the payroll CSV`);
    return {
      keys,
      facts: { payroll: { changes: [change], ...(start ? { startDate: start } : {}) } },
      name: str(r.holder_name),
      unmapped: [...unmapped, ...extraCols],
      dropped: [],
    };
  },
};
