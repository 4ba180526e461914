import { companyKey } from '../normalize/company.js';
import { foldText, tokens } from '../normalize/text.js';
import type { ImportResult, WatchEntry } from './types.js';
import type { ListDoc, ListRole, PackNames } from './list-docs.js';
import { websiteDomain } from './list-docs.js';

const reviewNote = "The list was imported from a file the user downloaded; check the entry on the publisher's own site before acting.";

type Condition = Record<string, unknown>;

/** One condition per list part: a big list is written as several files, all of them searched. */
const inLists = (field: string, ids: string[], as: string): Condition[] => ids.map((id) => ({ field, in: { list: id }, as }));
const anyOf = (conds: Condition[]): Condition => (conds.length === 1 ? conds[0]! : { any: conds });
const last = <T>(xs: T[], ok: (x: T) => boolean): T | undefined => {
  for (let i = xs.length - 1; i >= 0; i--) if (ok(xs[i]!)) return xs[i];
  return undefined;
};

/**
 * Rules that use the imported lists, so `--rules DIR` is all a user needs. Severities follow the
 * project's rule: an exact e-mail or wallet match is critical, a company name match high, a
 * website domain high; a person's name alone stays medium (names collide; a second identifier
 * must be checked by a person) and a weak alias low. The person rule reads the same fields as the
 * built-in affiliation.designated-person-name: payees other than the applicant, and references —
 * never the applicant's own name, which would flag people for a name that romanised Korean and
 * Chinese names share. Each rule's match case uses the last listed value, so a list written in
 * parts is tested through its last part.
 */
export function ruleDocs(result: ImportResult, names: PackNames, lists: ListDoc[], reference: { title: string; url: string; date: string }) {
  const ids = (role: ListRole) => lists.filter((l) => l.role === role).map((l) => l.id);
  const docs: Array<{ id: string; doc: Record<string, unknown> }> = [];
  const refs = [reference];
  const common = (id: string, severity: string) => ({ id, format: 1, family: 'affiliation', severity, status: 'stable', references: refs });
  const short = result.shortName;

  const entity = last(result.entries, (e) => e.kind === 'entity' && companyKey(e.name).length >= 5);
  if (ids('entities').length && entity) {
    const l = ids('entities');
    const id = `affiliation.${names.prefix}-entity`;
    docs.push({
      id,
      doc: {
        title: `Employer, reference, staffing firm or payee matches a sanctioned entity (${short})`,
        ...common(id, 'high'),
        description: `A company the applicant names (an employer, a staffing firm, a reference's company or a payee) matches an entity on ${result.sourceName}, after legal forms, spacing, spelling and script are normalised. ${reviewNote}`,
        falsepositives: ['An unrelated company with a similar name (compare address, registration number and country)'],
        next: "Escalate to compliance: compare the company's address, registration and country with the listed entry before any decision; do not contact the applicant about sanctions.",
        match: {
          any: [
            ...inLists('employment[].employer', l, 'company'),
            ...inLists('employment[].staffingFirm', l, 'company'),
            ...inLists('references[].company', l, 'company'),
            ...inLists('derived.payees[].holderName', l, 'company'),
          ],
        },
        cases: {
          match: [{ name: 'a listed entity as a former employer', applicant: { employment: [{ employer: entity.name }] } }],
          nomatch: [{ name: 'an unrelated employer', applicant: { employment: [{ employer: 'Acme Logistics Inc.' }] } }],
        },
      },
    });
  }

  const person = last(result.entries, (e) => e.kind === 'person' && tokens(e.name).length >= 2);
  if (ids('persons').length && person) {
    const l = ids('persons');
    const id = `affiliation.${names.prefix}-person`;
    docs.push({
      id,
      doc: {
        title: `A payee or reference has the name of a sanctioned person (${short}), name only`,
        ...common(id, 'medium'),
        description: `The holder of a salary account other than the applicant, or a reference, has the name of a person on ${result.sourceName}. Names alone collide (romanised Korean and Chinese names especially), so this stays at medium: a person must compare a second identifier (date of birth, address, e-mail, wallet) shown in the entry's note. The applicant's own name is not matched. ${reviewNote}`,
        falsepositives: [
          'Someone else with the same or a similarly romanised name',
          'A victim whose identity was stolen: never treat the named person as the applicant without verification',
        ],
        next: 'Compare the date of birth and other identifiers in the evidence with verified documents; escalate to compliance only if a second identifier also matches.',
        match: {
          any: [
            {
              some: 'derived.payees[]',
              where: { all: [anyOf(inLists('holderName', l, 'name')), { field: 'holderName', differsFrom: ['$.name.full', '$.name.aliases[]'], as: 'name' }] },
            },
            ...inLists('references[].name', l, 'name'),
          ],
        },
        cases: {
          match: [
            { name: 'a reference with a listed name', applicant: { references: [{ name: person.name }] } },
            {
              name: 'salary to an account held by a listed person',
              applicant: { payroll: { method: 'bank', bank: { holderName: person.name, country: 'US' } } },
            },
          ],
          nomatch: [
            {
              name: 'an applicant who shares a listed name, paid into their own account',
              applicant: { name: { full: person.name }, payroll: { method: 'bank', bank: { holderName: person.name, country: 'US' } } },
            },
            { name: 'an unrelated name', applicant: { name: { full: 'Jordan A. Miller' }, references: [{ name: 'Pat Q. Example' }] } },
          ],
        },
      },
    });
  }

  const withWallet = last(result.entries, (e) => e.wallets.length > 0);
  if (ids('wallets').length && withWallet) {
    const l = ids('wallets');
    const id = `affiliation.${names.prefix}-wallet`;
    const wallet = withWallet.wallets[withWallet.wallets.length - 1]!.address;
    const otherCase = wallet.toLowerCase() === wallet ? wallet.toUpperCase().replace(/^0X/, '0x') : wallet.toLowerCase();
    docs.push({
      id,
      doc: {
        title: `Salary is paid to a wallet listed for a sanctioned party (${short})`,
        ...common(id, 'critical'),
        description: `The payout wallet, now or in a later payroll change, is a digital-currency address ${result.sourceName} lists for a sanctioned party (compared whole, in any letter case). ${reviewNote}`,
        falsepositives: ['A typing error in the record (check the raw source)'],
        next: 'Stop and escalate to compliance / legal; preserve the record. Do not pay to the address.',
        match: { any: [...inLists('payroll.cryptoWallet', l, 'text'), ...inLists('payroll.changes[].cryptoWallet', l, 'text')] },
        cases: {
          match: [
            { name: 'a listed wallet as payout address', applicant: { payroll: { method: 'crypto', cryptoWallet: wallet } } },
            {
              name: 'a later change to a listed wallet, in other letter case',
              applicant: { payroll: { method: 'bank', changes: [{ at: '2026-11-20', method: 'crypto', cryptoWallet: otherCase }] } },
            },
          ],
          nomatch: [
            { name: 'an unlisted wallet', applicant: { payroll: { method: 'crypto', cryptoWallet: 'bc1qexamplenotlistedexamplenotlisted0000' } } },
            { name: 'bank payroll', applicant: { payroll: { method: 'bank' } } },
          ],
        },
      },
    });
  }

  const withEmail = last(result.entries, (e) => e.emails.length > 0);
  if (ids('emails').length && withEmail) {
    const l = ids('emails');
    const id = `affiliation.${names.prefix}-email`;
    docs.push({
      id,
      doc: {
        title: `E-mail address listed for a sanctioned party (${short})`,
        ...common(id, 'critical'),
        description: `A contact or reference e-mail address in the application is, exactly, an address ${result.sourceName} lists for a sanctioned party. ${reviewNote}`,
        falsepositives: ['A typing error in the record (check the raw source)'],
        next: 'Stop and escalate to compliance / legal; preserve the record.',
        match: { any: [...inLists('contact.emails[]', l, 'email'), ...inLists('references[].email', l, 'email')] },
        cases: {
          match: [{ name: 'a listed e-mail address as contact', applicant: { contact: { emails: [withEmail.emails[withEmail.emails.length - 1]] } } }],
          nomatch: [{ name: 'ordinary contact', applicant: { contact: { emails: ['jordan.miller@example.com'] } } }],
        },
      },
    });
  }

  const domain = last(
    result.entries.flatMap((e) => e.websites.map(websiteDomain)),
    (d) => d !== undefined,
  );
  if (ids('webDomains').length && domain) {
    const l = ids('webDomains');
    const id = `affiliation.${names.prefix}-web-domain`;
    docs.push({
      id,
      doc: {
        title: `Contact e-mail at the website domain of a sanctioned party (${short})`,
        ...common(id, 'high'),
        description: `A contact e-mail address is at the domain of a website ${result.sourceName} lists for a sanctioned party. Domains lapse and are registered again by others, which is why this is high and not critical. ${reviewNote}`,
        falsepositives: ['A domain that lapsed and now belongs to someone else (check its registration date)'],
        next: 'Escalate to compliance: check who holds the domain today before any decision.',
        match: { any: inLists('derived.emails[].domain', l, 'text') },
        cases: {
          match: [{ name: 'an e-mail address at a listed website domain', applicant: { contact: { emails: [`hr@${domain}`] } } }],
          nomatch: [{ name: 'an ordinary e-mail domain', applicant: { contact: { emails: ['jordan.miller@example.com'] } } }],
        },
      },
    });
  }

  const weak = last(
    result.entries.flatMap((e: WatchEntry) => e.weakAliases),
    (a) => foldText(a).replace(/ /g, '').length >= 4,
  );
  if (ids('weakAliases').length && weak) {
    const l = ids('weakAliases');
    const id = `affiliation.${names.prefix}-weak-alias`;
    docs.push({
      id,
      doc: {
        title: `A handle or company name equals a weak alias of a sanctioned party (${short})`,
        ...common(id, 'low'),
        description: `A profile username, an employer, a staffing firm or a reference's company is, word for word, an alias ${result.sourceName} itself calls weak (handles and short names that many others use). On its own this is only a pointer for the reviewer; it never rises above low. ${reviewNote}`,
        falsepositives: ["Anyone else using the same handle or short name: weak aliases are, by the list's own account, not identifying"],
        next: 'Read the listed entry in the evidence and look for a second, identifying link (e-mail, wallet, payee, company); do nothing on this alone.',
        match: {
          any: [
            ...inLists('profiles[].username', l, 'text'),
            ...inLists('employment[].employer', l, 'text'),
            ...inLists('employment[].staffingFirm', l, 'text'),
            ...inLists('references[].company', l, 'text'),
          ],
        },
        cases: {
          match: [{ name: 'a profile with a listed weak alias as username', applicant: { profiles: [{ network: 'github', username: weak }] } }],
          nomatch: [{ name: 'an ordinary username', applicant: { profiles: [{ network: 'github', username: 'jordan-miller-dev' }] } }],
        },
      },
    });
  }
  return docs;
}
