import type { Enricher } from './enricher.js';
import { parsePhone, type PhoneFacts } from '../normalize/phone.js';
import { disposableDomain } from '../intel/disposable-domains.js';

/**
 * Countries of the North American Numbering Plan (+1): their numbering plan gives VoIP numbers no
 * ranges of their own, so a Google Voice or TextNow number looks like any other. VoIP cannot be
 * detected offline there; `voipDetectable` stays absent and rules that need it report "no data".
 */
function voipDetectable(p: PhoneFacts): boolean {
  return p.valid && p.e164 !== undefined && !p.e164.startsWith('+1');
}

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
          type: {
            type: 'string',
            description: 'mobile, fixed_line, fixed_line_or_mobile, voip, toll_free, ... (US numbers never say voip: NANP numbering does not tell)',
          },
          valid: { type: 'boolean' },
          voipDetectable: {
            type: 'boolean',
            description:
              'true when the numbering plan tells VoIP numbers apart; absent for +1 (US, Canada, NANP) numbers, where VoIP cannot be detected offline',
          },
        },
      },
    },
    emails: {
      type: 'array',
      description: 'contact.emails split into local part and domain',
      items: {
        type: 'object',
        properties: {
          address: { type: 'string' },
          local: { type: 'string' },
          domain: { type: 'string' },
          disposable: { type: 'boolean', description: 'the domain is on the disposable-email-domains list (CC0)' },
          disposableDomain: { type: 'string', description: 'the listed domain it matched (the domain itself or a parent)' },
        },
      },
    },
  },
  derive(a) {
    const out: Record<string, unknown> = {};
    const phones = a.contact?.phones;
    if (phones?.length) {
      out.phones = phones.map((raw) => {
        const p = parsePhone(raw, a.claimedLocation?.country);
        return voipDetectable(p) ? { ...p, voipDetectable: true } : p;
      });
    }
    const emails = a.contact?.emails;
    if (emails?.length) {
      out.emails = emails.map((e) => {
        const at = e.lastIndexOf('@');
        const domain = at > 0 ? e.slice(at + 1).toLowerCase() : undefined;
        const listed = domain ? disposableDomain(domain) : undefined;
        const parts = { address: e, local: at > 0 ? e.slice(0, at) : e, domain };
        return domain ? { ...parts, disposable: listed !== undefined, ...(listed ? { disposableDomain: listed } : {}) } : parts;
      });
    }
    return out;
  },
};
