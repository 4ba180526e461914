import { lookupTable } from '../util/lookup-table.js';
/**
 * Which applicant fields hold personal data, by field pattern (indices written as `[]`).
 *
 * Every field of the applicant schema and of the derived facts is listed, as personal data of a
 * kind or as `public` (kept). A test walks both schemas and fails on any field missing here, so a
 * new field cannot slip into shared CI logs unclassified. Countries, regions, dates of events,
 * employers and schools are kept: rules are about them and they do not single a person out;
 * an IP address is masked (personal data under the GDPR) but the country it maps to is kept.
 */
export const PII_KINDS = ['name', 'profile', 'email', 'phone', 'address', 'birthdate', 'account', 'wallet', 'ip', 'hash', 'text', 'other'] as const;
export type PiiKind = (typeof PII_KINDS)[number];
export type FieldClass = PiiKind | 'public';

const ADDRESS_PARTS = {
  line1: 'address',
  line2: 'address',
  city: 'address',
  postalCode: 'address',
  region: 'public',
  country: 'public',
  type: 'public',
} as const;

function under(prefix: string, fields: Record<string, FieldClass>): Record<string, FieldClass> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${prefix}.${k}`, v]));
}

export const FIELD_CLASSES: Record<string, FieldClass> = lookupTable({
  schemaVersion: 'public',
  id: 'public',
  name: 'name',
  ...under('name', { full: 'name', given: 'name', family: 'name', 'aliases[]': 'name', aliases: 'name' }),
  dateOfBirth: 'birthdate',
  appliedAt: 'public',
  ...under('role', { title: 'public', remote: 'public' }),
  ...under('claimedLocation', { country: 'public', region: 'public', city: 'public', timezone: 'public' }),
  'contact.emails[]': 'email',
  'contact.phones[]': 'phone',
  'contact.addresses[]': 'address',
  ...under('contact.addresses[]', ADDRESS_PARTS),
  ...under('identity.documents[]', {
    type: 'public',
    issuingCountry: 'public',
    issuingRegion: 'public',
    nameOnDocument: 'name',
    dateOfBirth: 'birthdate',
    verified: 'public',
    verificationMethod: 'public',
    'anomalies[]': 'public',
    numberHash: 'hash',
    source: 'public',
  }),
  ...under('identity.liveness[]', { kind: 'public', result: 'public', vendor: 'public', at: 'public', source: 'public' }),
  ...under('identity.declared[]', { name: 'name', dateOfBirth: 'birthdate', source: 'public' }),
  ...under('profiles[]', {
    network: 'public',
    url: 'profile',
    displayName: 'name',
    username: 'profile',
    createdAt: 'public',
    connections: 'public',
    followers: 'public',
    publicRepos: 'public',
  }),
  ...under('education[]', { institution: 'public', degree: 'public', field: 'public', start: 'public', end: 'public', country: 'public', verified: 'public' }),
  ...under('employment[]', {
    employer: 'public',
    title: 'public',
    start: 'public',
    end: 'public',
    country: 'public',
    city: 'public',
    remote: 'public',
    verified: 'public',
    type: 'public',
    staffingFirm: 'public',
  }),
  ...under('references[]', { name: 'name', relationship: 'public', company: 'public', email: 'email', phone: 'phone' }),
  ...under('interviews[]', { at: 'public', kind: 'public', cameraOn: 'public', ip: 'ip', country: 'public', 'observations[]': 'public', source: 'public' }),
  ...under('network.sessions[]', {
    at: 'public',
    ip: 'ip',
    kind: 'public',
    userAgent: 'public',
    country: 'public',
    asn: 'public',
    asOrg: 'public',
    proxyReported: 'public',
    outcome: 'public',
    deviceId: 'hash',
    source: 'public',
  }),
  ...under('network.usbDevices[]', {
    vendorId: 'public',
    productId: 'public',
    usbId: 'public',
    description: 'public',
    deviceId: 'hash',
    at: 'public',
    source: 'public',
  }),
  ...under('network.installedApps[]', { name: 'public', bundleId: 'public', deviceId: 'hash', source: 'public' }),
  // Device names are often the owner's name ("Jordans-MacBook").
  ...under('network.devices[]', { id: 'hash', name: 'name', source: 'public' }),
  'network.remoteAccessTools[]': 'public',
  'equipment.shipTo': 'address',
  ...under('equipment.shipTo', ADDRESS_PARTS),
  'equipment.requestedAddressChange': 'public',
  ...under('payroll', { method: 'public', platform: 'public', cryptoWallet: 'wallet', startDate: 'public' }),
  ...under('payroll.bank', { holderName: 'name', country: 'public', bankName: 'public', accountFingerprint: 'account' }),
  ...under('payroll.changes[]', {
    at: 'public',
    method: 'public',
    holderName: 'name',
    country: 'public',
    bankName: 'public',
    platform: 'public',
    cryptoWallet: 'wallet',
    accountFingerprint: 'account',
    source: 'public',
  }),
  ...under('resume', { text: 'text', sha256: 'hash' }),
  ...under('photo', { sha256: 'hash', perceptualHash: 'hash' }),
  ...under('source', { system: 'public', exportedAt: 'public' }),
  ...under('declarations.travel[]', { 'countries[]': 'public', from: 'public', to: 'public', note: 'text' }),
  ...under('declarations.workingHours', { shift: 'public', start: 'public', end: 'public', note: 'text' }),
  ...under('declarations.payment', { arrangement: 'public', provider: 'public', holderName: 'name', note: 'text' }),
  ...under('declarations.previousAddresses[]', { address: 'address', from: 'public', to: 'public' }),
  ...under('declarations.previousAddresses[].address', ADDRESS_PARTS),
  extra: 'other',
  // Derived facts (src/enrich): copies of the fields above, and what was computed from them.
  ...under('derived.phones[]', { raw: 'phone', e164: 'phone', country: 'public', type: 'public', valid: 'public', voipDetectable: 'public' }),
  ...under('derived.emails[]', { address: 'email', local: 'email', domain: 'public', disposable: 'public', disposableDomain: 'public' }),
  'derived.ageAtApplication': 'public',
  ...under('derived.employmentOverlaps[]', { first: 'public', second: 'public', overlapDays: 'public' }),
  ...under('derived.sessions[]', {
    origin: 'public',
    at: 'public',
    kind: 'public',
    ip: 'ip',
    ipScope: 'public',
    country: 'public',
    countrySource: 'public',
    asn: 'public',
    org: 'public',
    hosting: 'public',
    hostingKind: 'public',
    hostingNetwork: 'public',
    kpLabelIgnored: 'public',
    outcome: 'public',
  }),
  ...under('derived.accountSwitches[]', { origin: 'public', at: 'public', previousAt: 'public', days: 'public' }),
  'derived.payoutAccounts': 'public',
  'derived.observedCountries[]': 'public',
  ...under('derived.sessionLocation', { located: 'public', elsewhere: 'public', elsewhereShare: 'public', countriesIn7Days: 'public' }),
  ...under('derived.countryShares[]', { country: 'public', sessions: 'public', share: 'public' }),
  ...under('derived.activity', {
    timezone: 'public',
    timed: 'public',
    night: 'public',
    nightShare: 'public',
    asiaWorkday: 'public',
    asiaWorkdayShare: 'public',
  }),
  ...under('derived.payees[]', { origin: 'public', holderName: 'name', country: 'public' }),
  ...under('derived.hostingShare', { public: 'public', hosting: 'public', share: 'public' }),
  ...under('derived.payrollChanges', { dated: 'public', mostIn7Days: 'public' }),
  ...under('derived.declared', {
    travelCoversSessions: 'public',
    hoursCoverActivity: 'public',
    payeesMatchDeclared: 'public',
    shipToIsPreviousAddress: 'public',
    daysSinceMove: 'public',
  }),
});

/** Fields whose whole subtree is one kind (free-form extensions). */
const SUBTREES: Array<[string, PiiKind]> = [['extra', 'other']];

/** `$.contact.addresses[0].line1`, `contact.addresses[type=home].line1` → `contact.addresses[].line1`. */
export function fieldPattern(path: string): string {
  return path.replace(/^\$\./, '').replace(/\[[^\]]*\]/g, '[]');
}

/** The class of a concrete or pattern path; undefined for a field this table does not know. */
export function classifyField(path: string): FieldClass | undefined {
  const pattern = fieldPattern(path);
  const direct = FIELD_CLASSES[pattern];
  if (direct) return direct;
  for (const [prefix, kind] of SUBTREES) {
    if (pattern === prefix || pattern.startsWith(`${prefix}.`) || pattern.startsWith(`${prefix}[`)) return kind;
  }
  return undefined;
}

/** The class of the field a diagnostic's JSON pointer names (`/identity/documents/0/dateOfBirth`). */
export function classifyPointer(pointer: string): FieldClass | undefined {
  const keys = pointer.split('/').slice(1);
  return classifyField(keys.reduce((acc, k) => (/^\d+$/.test(k) ? `${acc}[${k}]` : acc ? `${acc}.${k}` : k), ''));
}

/** Link kinds (batch linkage) → the kind of value they share; anything unknown is masked as other. */
export function linkValueKind(kind: string): PiiKind {
  const k = kind.toLowerCase();
  if (k.includes('wallet') || k.includes('crypto')) return 'wallet';
  if (k.includes('account') || k.includes('bank') || k.includes('payee')) return 'account';
  if (k.includes('email')) return 'email';
  if (k.includes('phone')) return 'phone';
  if (k.includes('address') || k.includes('ship')) return 'address';
  if (/(^|[-_.])ip(s|v4|v6)?($|[-_.])/.test(k) || k.includes('session')) return 'ip';
  if (k.includes('resume') || k.includes('photo') || k.includes('hash')) return 'hash';
  if (k.includes('reference') || k.includes('name')) return 'name';
  return 'other';
}
