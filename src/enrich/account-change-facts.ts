import type { Enricher } from './enricher.js';
import { DAY_MS, parseDate } from '../util/dates.js';

/** Days within which a second different salary account counts as a quick switch. */
export const QUICK_SWITCH_DAYS = 30;

/**
 * Salary-account switches: how many different accounts (by fingerprint) the payroll changes name,
 * and each change to a different account within 30 days of the one before. Payroll systems send
 * these events (ADP pay-distribution changes) without a hire date, so the switch itself is the fact.
 */
export const accountChangeFacts: Enricher = {
  name: 'account-changes',
  provides: {
    accountSwitches: {
      type: 'array',
      description: `payroll changes to a different account within ${QUICK_SWITCH_DAYS} days of the previous change`,
      items: {
        type: 'object',
        properties: {
          origin: { type: 'string', description: 'payroll.changes[i] (the later change)' },
          at: { type: 'string' },
          previousAt: { type: 'string' },
          days: { type: 'integer' },
        },
      },
    },
    payoutAccounts: { type: 'integer', description: 'distinct account fingerprints in payroll.bank and payroll.changes' },
  },
  derive(a) {
    const p = a.payroll as { bank?: { accountFingerprint?: string } | null; changes?: Array<{ at?: string; accountFingerprint?: string }> } | undefined;
    if (!p) return {};
    const accounts = new Set<string>();
    if (p.bank?.accountFingerprint) accounts.add(p.bank.accountFingerprint);
    const dated = (p.changes ?? [])
      .map((c, i) => ({ i, at: c.at, ms: parseDate(c.at), fp: c.accountFingerprint }))
      .filter((c): c is { i: number; at: string; ms: number; fp: string } => typeof c.fp === 'string' && c.ms !== undefined && typeof c.at === 'string');
    for (const c of p.changes ?? []) if (c.accountFingerprint) accounts.add(c.accountFingerprint);
    dated.sort((x, y) => x.ms - y.ms);
    const switches: Array<Record<string, unknown>> = [];
    for (let k = 1; k < dated.length; k++) {
      const prev = dated[k - 1]!;
      const cur = dated[k]!;
      const days = Math.round((cur.ms - prev.ms) / DAY_MS);
      if (cur.fp !== prev.fp && days <= QUICK_SWITCH_DAYS) switches.push({ origin: `payroll.changes[${cur.i}]`, at: cur.at, previousAt: prev.at, days });
    }
    return { ...(accounts.size ? { payoutAccounts: accounts.size } : {}), ...(switches.length ? { accountSwitches: switches } : {}) };
  },
};
