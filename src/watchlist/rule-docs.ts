import { companyKey } from '../normalize/company.js';
import type { ImportResult } from './types.js';
import type { PackNames } from './list-docs.js';

const reviewNote = 'The list was imported from a file the user downloaded; check the entry on the publisher\'s own site before acting.';

/**
 * Rules that use the imported lists, so `--rules DIR` is all a user needs. Severities follow the
 * project's rule: a company name match is high; a person's name alone stays medium (names collide,
 * a second identifier must be checked by a person); an exact e-mail or wallet match is critical.
 */
export function ruleDocs(result: ImportResult, names: PackNames, listIds: Set<string>, reference: { title: string; url: string; date: string }) {
  const docs: Array<{ id: string; doc: Record<string, unknown> }> = [];
  const refs = [reference];
  const entity = result.entries.find((e) => e.kind === 'entity' && companyKey(e.name).length >= 5);
  if (listIds.has(names.entities) && entity) {
    const list = { list: names.entities };
    const id = `affiliation.${names.prefix}-entity`;
    docs.push({
      id,
      doc: {
        title: `Employer, reference, staffing firm or payee matches a sanctioned entity (${result.shortName})`,
        id,
        format: 1,
        family: 'affiliation',
        severity: 'high',
        status: 'stable',
        description: `A company the applicant names (an employer, a staffing firm, a reference's company or a payee) matches an entity on ${result.sourceName}, after legal forms, spacing, spelling and script are normalised. ${reviewNote}`,
        references: refs,
        falsepositives: ['An unrelated company with a similar name (compare address, registration number and country)'],
        next: 'Escalate to compliance: compare the company\'s address, registration and country with the listed entry before any decision; do not contact the applicant about sanctions.',
        match: {
          any: [
            { field: 'employment[].employer', in: list, as: 'company' },
            { field: 'employment[].staffingFirm', in: list, as: 'company' },
            { field: 'references[].company', in: list, as: 'company' },
            { field: 'derived.payees[].holderName', in: list, as: 'company' },
          ],
        },
        cases: {
          match: [{ name: 'a listed entity as a former employer', applicant: { employment: [{ employer: entity.name }] } }],
          nomatch: [{ name: 'an unrelated employer', applicant: { employment: [{ employer: 'Acme Logistics Inc.' }] } }],
        },
      },
    });
  }
  const person = result.entries.find((e) => e.kind === 'person');
  if (listIds.has(names.persons) && person) {
    const list = { list: names.persons };
    const id = `affiliation.${names.prefix}-person`;
    docs.push({
      id,
      doc: {
        title: `A name in the application matches a sanctioned person (${result.shortName}), name only`,
        id,
        format: 1,
        family: 'affiliation',
        severity: 'medium',
        status: 'stable',
        description: `The applicant's name or alias, a reference's name or a payee's name matches a person on ${result.sourceName}. Names alone collide (romanised Korean and Chinese names especially), so this stays at medium: a person must compare a second identifier (date of birth, address, e-mail, wallet) shown in the entry's note. ${reviewNote}`,
        references: refs,
        falsepositives: ['Someone else with the same or a similarly romanised name', 'A victim whose identity was stolen: never treat the named person as the applicant without verification'],
        next: 'Compare the date of birth and other identifiers in the evidence with verified documents; escalate to compliance only if a second identifier also matches.',
        match: {
          any: [
            { field: 'name.full', in: list, as: 'name' },
            { field: 'name.aliases[]', in: list, as: 'name' },
            { field: 'references[].name', in: list, as: 'name' },
            { field: 'derived.payees[].holderName', in: list, as: 'name' },
          ],
        },
        cases: {
          match: [{ name: 'a reference with a listed name', applicant: { references: [{ name: person.name }] } }],
          nomatch: [{ name: 'an unrelated name', applicant: { name: { full: 'Jordan A. Miller' }, references: [{ name: 'Pat Q. Example' }] } }],
        },
      },
    });
  }
  const withEmail = result.entries.find((e) => e.emails.length);
  const withWallet = result.entries.find((e) => e.wallets.length);
  if (listIds.has(names.identifiers) && (withEmail || withWallet)) {
    const list = { list: names.identifiers };
    const id = `affiliation.${names.prefix}-identifier`;
    const matchCase = withEmail
      ? { name: 'a listed e-mail address as contact', applicant: { contact: { emails: [withEmail.emails[0]] } } }
      : { name: 'a listed wallet as payout address', applicant: { payroll: { method: 'crypto', cryptoWallet: withWallet!.wallets[0] } } };
    docs.push({
      id,
      doc: {
        title: `E-mail or wallet address listed for a sanctioned party (${result.shortName})`,
        id,
        format: 1,
        family: 'affiliation',
        severity: 'critical',
        status: 'stable',
        description: `An e-mail address or a payout wallet in the application is, exactly, an identifier ${result.sourceName} lists for a sanctioned party. ${reviewNote}`,
        references: refs,
        falsepositives: ['A typing error in the record (check the raw source)'],
        next: 'Stop and escalate to compliance / legal; preserve the record. Do not pay to the address.',
        match: {
          any: [
            { field: 'contact.emails[]', in: list, as: 'email' },
            { field: 'references[].email', in: list, as: 'email' },
            { field: 'payroll.cryptoWallet', in: list, as: 'exact' },
            { field: 'payroll.changes[].cryptoWallet', in: list, as: 'exact' },
          ],
        },
        cases: {
          match: [matchCase],
          nomatch: [{ name: 'ordinary contact and payroll', applicant: { contact: { emails: ['jordan.miller@example.com'] }, payroll: { method: 'bank' } } }],
        },
      },
    });
  }
  return docs;
}
