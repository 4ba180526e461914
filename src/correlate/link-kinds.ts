import type { Severity } from '../model/levels.js';
import type { Reference } from '../model/rule.js';
import { lookupTable } from '../util/lookup-table.js';

/**
 * The cross-applicant checks (family `linkage`), as data. They cannot be YAML rules: a rule sees one
 * record, a link needs the whole batch. Severity follows the evidence (docs/linkage.md): money going
 * to one account or wallet for different people is the core of the laptop-farm cases (critical);
 * hardware shipped to one address for different people is the farm itself (high); a shared personal
 * phone, e-mail, résumé or photo is persona reuse (high); a shared home address or network address
 * has ordinary explanations (households, offices, cafés) and counts more only when many share it.
 */
/** The other members of a link, as a message needs them: a few ids to name, and the count. */
export interface Others {
  ids: string[];
  count: number;
}

export interface LinkKind {
  id: string;
  title: string;
  severity: (people: number) => Severity;
  /** Finding message for one member: the first few other applicants' ids and how many there are. */
  message: (others: Others) => string;
  falsepositives: string[];
  next: string;
  references: Reference[];
}

const GUIDANCE_2022: Reference = {
  title: 'FBI, State, Treasury — Guidance on the DPRK Information Technology Workers (same payment accounts and document templates across accounts)',
  url: 'https://ofac.treasury.gov/recent-actions/20220516',
  date: '2022-05-16',
};
const PSA_2024: Reference = {
  title: 'FBI PSA — DPRK leverages U.S.-based individuals (laptop farms, facilitators receiving pay)',
  url: 'https://www.ic3.gov/Media/Y2024/PSA240516',
  date: '2024-05-16',
};
const CHAPMAN: Reference = {
  title: 'DOJ — Chapman laptop farm: laptops for 309 companies delivered to her homes, paychecks deposited to her accounts',
  url: 'https://www.hrgrapevine.com/us/content/article/2024-05-21-justice-department-uncovers-north-korean-fake-us-workers-scheme-guilty-of-defrauding-over-300-businesses',
  date: '2024-05-16',
};
const KNOOT: Reference = {
  title: 'DOJ — Knoot: laptops for "Andrew M." hosted at his Nashville homes',
  url: 'https://tnreporter.com/2024/08/nashville-man-charged-in-north-korean-it-worker-fraud-scheme',
  date: '2024-08-08',
};
const MANDIANT: Reference = {
  title: "Mandiant — Mitigating the DPRK IT worker threat (an applicant's e-mail found on profiles under other names)",
  url: 'https://securitysolutionsmedia.com/2024/09/25/addressing-the-growing-dprk-it-worker-threat-mandiant-report',
  date: '2024-09-25',
};
const OKTA: Reference = {
  title: 'Okta Threat Intelligence — 130+ identities behind 6,500+ interviews',
  url: 'https://www.okta.com/newsroom/articles/north-korea-s-it-workers-expand-beyond-us-big-tech',
  date: '2025-09-30',
};

const list = (o: Others) => (o.count <= 5 ? o.ids.slice(0, 5).join(', ') : `${o.ids.slice(0, 5).join(', ')} and ${o.count - 5} more`);
const fixed = (s: Severity) => () => s;
const many = (base: Severity, raised: Severity, from: number) => (people: number) => (people >= from ? raised : base);
const AGENCY = "A staffing agency submitting its candidates with the agency's own contact details: put them on the --allow-shared list";

export const LINK_KINDS: Record<string, LinkKind> = lookupTable({
  'shared-payout-account': {
    id: 'shared-payout-account',
    title: 'Salary account shared with other applicants',
    severity: fixed('critical'),
    message: (o) => `The same bank account (by fingerprint) is given for pay by ${o.count} other applicant${o.count === 1 ? '' : 's'}: ${list(o)}.`,
    falsepositives: ['An employer-of-record or agency paying its contractors through one account (allow-list it)', 'Spouses with a joint account who both applied'],
    next: 'Stop payroll set-up for all linked applicants until each has shown, live, an account in their own name; ask the bank to confirm the holder.',
    references: [GUIDANCE_2022, CHAPMAN, PSA_2024],
  },
  'shared-crypto-wallet': {
    id: 'shared-crypto-wallet',
    title: 'Crypto wallet shared with other applicants',
    severity: fixed('critical'),
    message: (o) => `The same crypto wallet is given for pay by ${o.count} other applicant${o.count === 1 ? '' : 's'}: ${list(o)}.`,
    falsepositives: ['An exchange deposit address mistakenly copied from a template'],
    next: 'Hold payment for all linked applicants; ask each to prove control of a wallet of their own and check the address against OFAC listings.',
    references: [GUIDANCE_2022],
  },
  'shared-ship-to': {
    id: 'shared-ship-to',
    title: 'Equipment ships to an address other applicants use',
    severity: fixed('high'),
    message: (o) => `Company hardware would go to an address that ${o.count} other applicant${o.count === 1 ? '' : 's'} also gave (${list(o)}): the pattern of a laptop farm.`,
    falsepositives: ["The agency's or employer's own office as delivery point (allow-list it)", 'Relatives living together who both applied'],
    next: 'Do not ship hardware; ask each applicant for a delivery address that matches their verified residence and confirm delivery in person or by video with ID.',
    references: [CHAPMAN, KNOOT, PSA_2024],
  },
  'shared-address': {
    id: 'shared-address',
    title: 'Home address shared with other applicants',
    // Two or three people at one address is usually a household; four or more is a farm pattern.
    severity: many('low', 'high', 4),
    message: (o) => `${o.count} other applicant${o.count === 1 ? '' : 's'} gave the same address (${list(o)}).`,
    falsepositives: ['Family members or flatmates who applied', 'Shared or student housing', AGENCY],
    next: 'Ask how the applicants know each other; verify each residence independently (utility bill, in-person check).',
    references: [CHAPMAN, PSA_2024],
  },
  'shared-phone': {
    id: 'shared-phone',
    title: 'Phone number shared with other applicants',
    severity: fixed('high'),
    message: (o) => `The same phone number is given by ${o.count} other applicant${o.count === 1 ? '' : 's'}: ${list(o)}.`,
    falsepositives: ['A household landline', AGENCY],
    next: 'Call the number and ask for the applicant by name; ask the others how the number is shared.',
    references: [MANDIANT, OKTA],
  },
  'shared-email': {
    id: 'shared-email',
    title: 'E-mail address shared with other applicants',
    severity: fixed('high'),
    message: (o) => `The same mailbox is given by ${o.count} other applicant${o.count === 1 ? '' : 's'}: ${list(o)}.`,
    falsepositives: ['A family mailbox', AGENCY],
    next: 'Treat the records as possibly one operator with several personas; verify each identity live.',
    references: [MANDIANT, OKTA],
  },
  'reference-is-applicant': {
    id: 'reference-is-applicant',
    title: "A reference's phone or e-mail belongs to another applicant",
    severity: fixed('high'),
    message: (o) => `A reference's contact details are those of another applicant (${list(o)}).`,
    falsepositives: ['A former colleague who happens to apply at the same time'],
    next: 'Do not rely on this reference; contact the referee through the employer\'s main switchboard instead.',
    references: [GUIDANCE_2022, MANDIANT],
  },
  'shared-resume': {
    id: 'shared-resume',
    title: 'Identical résumé file used by other applicants',
    severity: fixed('high'),
    message: (o) => `The same résumé file (by hash) was submitted by ${o.count} other applicant${o.count === 1 ? '' : 's'}: ${list(o)}.`,
    falsepositives: ['A résumé template downloaded and submitted unchanged'],
    next: 'Compare the work histories; ask each applicant detailed questions about the roles on the résumé.',
    references: [GUIDANCE_2022, OKTA],
  },
  'similar-resume': {
    id: 'similar-resume',
    title: 'Near-identical résumé text to other applicants',
    severity: many('medium', 'high', 3),
    message: (o) => `The résumé text is nearly identical to that of ${o.count} other applicant${o.count === 1 ? '' : 's'}: ${list(o)}.`,
    falsepositives: ['A résumé-writing service or bootcamp template', 'Standard wording required by a staffing agency'],
    next: 'Compare the résumés side by side; ask each applicant detailed questions about the roles described.',
    references: [GUIDANCE_2022, OKTA],
  },
  'shared-photo': {
    id: 'shared-photo',
    title: 'Same photo used by other applicants',
    severity: fixed('high'),
    message: (o) => `The same photo (by hash) appears for ${o.count} other applicant${o.count === 1 ? '' : 's'}: ${list(o)}.`,
    falsepositives: ['A placeholder or default avatar image'],
    next: 'Hold a live video call with ID for each applicant and compare faces to the photo.',
    references: [OKTA, GUIDANCE_2022],
  },
  'shared-device': {
    id: 'shared-device',
    title: 'Same work device behind other people',
    severity: fixed('high'),
    message: (o) => `The same device (by hashed id, from the device inventory, EDR or identity provider) is tied to ${o.count} other applicant${o.count === 1 ? '' : 's'}: ${list(o)}.`,
    falsepositives: ['A laptop re-issued to a new hire after the previous owner left', 'A shared test or kiosk machine'],
    next: 'Ask IT who holds the device now and where it is; one laptop serving several "employees" is the laptop-farm pattern.',
    references: [CHAPMAN, KNOOT, PSA_2024],
  },
  'shared-document-number': {
    id: 'shared-document-number',
    title: 'Same identity-document number under another name',
    severity: fixed('critical'),
    message: (o) => `The same document number (by salted hash) was verified for ${o.count} other applicant${o.count === 1 ? '' : 's'} with a different name: ${list(o)}.`,
    falsepositives: ['The same person applying twice under a changed name (check the names)'],
    next: 'Stop both hiring processes; verify each applicant live with the original document and ask the verification vendor to confirm the document.',
    references: [GUIDANCE_2022, CHAPMAN],
  },
  'shared-session-ip': {
    id: 'shared-session-ip',
    title: 'Same public IP address as other applicants',
    severity: many('low', 'medium', 4),
    message: (o) => `Applied or interviewed from the same public IP address as ${o.count} other applicant${o.count === 1 ? '' : 's'}: ${list(o)}.`,
    falsepositives: ['A university, office, café or mobile carrier NAT shared by many people', 'A consumer VPN exit', AGENCY],
    next: 'Weigh together with other links: on its own a shared IP is weak.',
    references: [PSA_2024, CHAPMAN],
  },
});

/** Linked to this many different people or more, a value is a placeholder or an office, not a person. */
export const MAX_LINKED_PEOPLE = 250;
