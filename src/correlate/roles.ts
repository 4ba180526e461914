/**
 * Where a link key comes from in an applicant record. A key lives in a value space (two records
 * share something only when the same value appears in the same space); its role says which field
 * held it, so "A ships to B's home" and "A's reference is B's phone" can be told from plain sharing.
 */
export const SPACES = [
  'id',
  'phone',
  'email',
  'address',
  'account',
  'wallet',
  'resume',
  'resume-band',
  'photo',
  'photo-phash',
  'ip',
  'device',
  'document',
] as const;
export type Space = (typeof SPACES)[number];

export interface Role {
  name: string;
  space: Space;
  path: (i: number) => string;
}

export const ROLES = [
  { name: 'id', space: 'id', path: () => 'id' },
  { name: 'phone', space: 'phone', path: (i) => `contact.phones[${i}]` },
  { name: 'reference-phone', space: 'phone', path: (i) => `references[${i}].phone` },
  { name: 'email', space: 'email', path: (i) => `contact.emails[${i}]` },
  { name: 'reference-email', space: 'email', path: (i) => `references[${i}].email` },
  { name: 'address', space: 'address', path: (i) => `contact.addresses[${i}]` },
  { name: 'ship-to', space: 'address', path: () => 'equipment.shipTo' },
  { name: 'bank-account', space: 'account', path: () => 'payroll.bank.accountFingerprint' },
  { name: 'changed-account', space: 'account', path: (i) => `payroll.changes[${i}].accountFingerprint` },
  { name: 'wallet', space: 'wallet', path: () => 'payroll.cryptoWallet' },
  { name: 'changed-wallet', space: 'wallet', path: (i) => `payroll.changes[${i}].cryptoWallet` },
  { name: 'resume-sha256', space: 'resume', path: () => 'resume.sha256' },
  { name: 'resume-band', space: 'resume-band', path: () => 'resume.text' },
  { name: 'photo-sha256', space: 'photo', path: () => 'photo.sha256' },
  { name: 'photo-phash', space: 'photo-phash', path: () => 'photo.perceptualHash' },
  { name: 'session-ip', space: 'ip', path: (i) => `network.sessions[${i}].ip` },
  { name: 'interview-ip', space: 'ip', path: (i) => `interviews[${i}].ip` },
  { name: 'device', space: 'device', path: (i) => `network.devices[${i}].id` },
  { name: 'document-number', space: 'document', path: (i) => `identity.documents[${i}].numberHash` },
] as const satisfies readonly Role[];

export type RoleName = (typeof ROLES)[number]['name'];

const ROLE_INDEX = new Map<string, number>(ROLES.map((r, i) => [r.name, i]));
export const SPACE_INDEX = new Map<Space, number>(SPACES.map((s, i) => [s, i]));

export function roleIndex(name: RoleName | string): number | undefined {
  return ROLE_INDEX.get(name);
}

/** A slot packs the role and the index inside its array into one number. */
export function slotOf(role: number, index: number): number {
  return role * 0x10000 + Math.min(index, 0xffff);
}

export function roleOfSlot(slot: number): Role {
  return ROLES[Math.floor(slot / 0x10000)]!;
}

export function pathOfSlot(slot: number): string {
  return roleOfSlot(slot).path(slot % 0x10000);
}
