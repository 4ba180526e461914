import type { Enricher } from './enricher.js';
import { parsePhone } from '../normalize/phone.js';

/** Phone country and line type (libphonenumber, offline) and e-mail domains. */
export const contactFacts: Enricher = {
  name: 'contact',
  provides: {
    phones: {
      type: 'array',
      description: 'contact.phones parsed: E.164 form, country, line type; numbers without + are read in the declared country',
      items: {
        type: 'object',
        properties: {
          raw: { type: 'string' },
          e164: { type: 'string' },
          country: { type: 'string' },
          type: { type: 'string', description: 'mobile, fixed_line, fixed_line_or_mobile, voip, toll_free, ... (US numbers never say voip: NANP numbering does not tell)' },
          valid: { type: 'boolean' },
        },
      },
    },
    emails: {
      type: 'array',
      description: 'contact.emails split into local part and domain',
      items: { type: 'object', properties: { address: { type: 'string' }, local: { type: 'string' }, domain: { type: 'string' } } },
    },
  },
  derive(a) {
    const out: Record<string, unknown> = {};
    const phones = a.contact?.phones;
    if (phones?.length) out.phones = phones.map((p) => parsePhone(p, a.claimedLocation?.country));
    const emails = a.contact?.emails;
    if (emails?.length) {
      out.emails = emails.map((e) => {
        const at = e.lastIndexOf('@');
        return { address: e, local: at > 0 ? e.slice(0, at) : e, domain: at > 0 ? e.slice(at + 1).toLowerCase() : undefined };
      });
    }
    return out;
  },
};
