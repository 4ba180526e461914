import type { Enricher } from './enricher.js';

/** Everyone the applicant asked to have salary paid to: the current account and every change. */
export const payeeFacts: Enricher = {
  name: 'payees',
  provides: {
    payees: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          origin: { type: 'string', description: 'payroll.bank or payroll.changes[i]' },
          holderName: { type: 'string' },
          country: { type: 'string' },
        },
      },
    },
  },
  derive(a) {
    const p = a.payroll as { bank?: { holderName?: string; country?: string } | null; changes?: Array<{ holderName?: string; country?: string }> } | undefined;
    if (!p) return {};
    const payees: Array<Record<string, unknown>> = [];
    if (p.bank && (p.bank.holderName || p.bank.country)) payees.push({ origin: 'payroll.bank', holderName: p.bank.holderName, country: p.bank.country });
    (p.changes ?? []).forEach((c, i) => {
      if (c.holderName || c.country) payees.push({ origin: `payroll.changes[${i}]`, holderName: c.holderName, country: c.country });
    });
    return payees.length ? { payees } : {};
  },
};
