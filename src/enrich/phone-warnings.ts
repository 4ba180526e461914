import type { Diagnostic } from '../model/diagnostic.js';
import type { Facts } from '../model/applicant.js';
import { phoneUnreadable } from '../normalize/phone.js';
import { fieldValue } from '../model/quoted-value.js';

/**
 * One warning per phone number that cannot be read, naming where it is: it takes part in no
 * check and no link, and the report must say so rather than drop it in silence.
 */
export function phoneWarnings(facts: Facts): Diagnostic[] {
  const out: Diagnostic[] = [];
  const country = facts.claimedLocation?.country;
  const warn = (where: string, raw: string) => {
    // Quoted through fieldValue, so masked outputs find the number again by its field.
    const shown = fieldValue(where, raw, 40);
    const path = `/${where.replace(/\[(\d+)\]/g, '.$1').replace(/\./g, '/')}`;
    out.push({
      code: 'applicant-phone',
      severity: 'warning',
      message: `${shown} cannot be read as a phone number; it is left out of phone checks and links`,
      path,
      hint: 'write it in international form, e.g. +1 614 555 0142',
    });
  };
  facts.contact?.phones?.forEach((raw, i) => {
    if (typeof raw === 'string' && phoneUnreadable(raw, country)) warn(`contact.phones[${i}]`, raw);
  });
  facts.references?.forEach((r, i) => {
    if (typeof r?.phone === 'string' && phoneUnreadable(r.phone, country)) warn(`references[${i}].phone`, r.phone);
  });
  return out;
}
