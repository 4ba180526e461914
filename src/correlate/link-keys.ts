import type { Address, Applicant } from '../model/applicant.js';
import { addressKey, formatAddress } from '../normalize/address.js';
import { parseIp, type ParsedIp } from '../normalize/ip.js';
import { ipScope } from '../normalize/ip-scope.js';
import { parsePhone } from '../normalize/phone.js';
import { roleIndex, type RoleName } from './roles.js';

/** One linkable value of one applicant: what is hashed, what a person is shown, and where it sat. */
export interface LinkKey {
  role: number;
  index: number;
  /** Hash input: the space and the normalised value. */
  norm: string;
  display: string;
}

/** Per field; bounds the index's memory per record (a record may list 10 000 sessions). */
export const MAX_KEYS_PER_FIELD = 64;

export interface KeyOptions {
  /** Addresses/CIDRs on the allow-list (an agency's office network) are not keys. */
  ipAllowed?: (ip: ParsedIp) => boolean;
}

export function normalizeEmail(raw: string): string {
  const e = raw.trim().toLowerCase();
  const at = e.lastIndexOf('@');
  if (at <= 0) return e;
  let local = e.slice(0, at).replace(/\+.*$/, '');
  const domain = e.slice(at + 1);
  // Gmail ignores dots, so j.miller and jmiller are one mailbox.
  if (domain === 'gmail.com' || domain === 'googlemail.com') local = local.replace(/\./g, '');
  return `${local}@${domain === 'googlemail.com' ? 'gmail.com' : domain}`;
}

export function normalizePhone(raw: string, country?: string): string | undefined {
  const p = parsePhone(raw, country);
  if (p.e164) return p.e164;
  const digits = raw.replace(/\D/g, '');
  return digits.length >= 7 ? digits : undefined;
}

/** EVM and bech32 addresses are case-insensitive; base58 (Bitcoin legacy, Tron) is not. */
export function normalizeWallet(raw: string): string {
  const w = raw.trim();
  return /^0x[0-9a-f]{40}$/i.test(w) || /^(bc1|ltc1|tb1)[0-9a-z]+$/i.test(w) ? w.toLowerCase() : w;
}

/** A US ZIP+4 names the same place as its ZIP: 85340-1102 and 85340 must meet. */
function zip5(a: Address): Address {
  const m = a.postalCode && (!a.country || a.country === 'US') ? /^(\d{5})-?\d{4}$/.exec(a.postalCode.trim()) : null;
  return m ? { ...a, postalCode: m[1] } : a;
}

/** Every linkable value in one applicant record. */
export function linkKeys(a: Applicant, options: KeyOptions = {}): LinkKey[] {
  const out: LinkKey[] = [];
  const push = (role: RoleName, index: number, space: string, value: string | undefined, display?: string) => {
    if (!value || index >= MAX_KEYS_PER_FIELD) return;
    out.push({ role: roleIndex(role)!, index, norm: `${space}|${value}`, display: display ?? value });
  };
  const country = a.claimedLocation?.country;
  push('id', 0, 'id', a.id);
  (a.contact?.phones ?? []).forEach((p, i) => push('phone', i, 'phone', normalizePhone(p, country)));
  (a.contact?.emails ?? []).forEach((e, i) => push('email', i, 'email', normalizeEmail(e)));
  (a.references ?? []).forEach((r, i) => {
    if (typeof r.phone === 'string') push('reference-phone', i, 'phone', normalizePhone(r.phone, country));
    if (typeof r.email === 'string') push('reference-email', i, 'email', normalizeEmail(r.email));
  });
  const addr = (role: RoleName, i: number, x: Address | undefined) => x && push(role, i, 'address', addressKey(zip5(x)), formatAddress(x));
  (a.contact?.addresses ?? []).forEach((x, i) => addr('address', i, x));
  addr('ship-to', 0, a.equipment?.shipTo);
  const pay = a.payroll as
    | { bank?: { accountFingerprint?: string } | null; cryptoWallet?: string | null; changes?: Array<{ accountFingerprint?: string; cryptoWallet?: string }> }
    | undefined;
  const fp = (v: string | undefined) => v?.trim().toLowerCase() || undefined;
  push('bank-account', 0, 'account', fp(pay?.bank?.accountFingerprint ?? undefined));
  if (pay?.cryptoWallet) push('wallet', 0, 'wallet', normalizeWallet(pay.cryptoWallet));
  (pay?.changes ?? []).forEach((c, i) => {
    push('changed-account', i, 'account', fp(c.accountFingerprint));
    if (c.cryptoWallet) push('changed-wallet', i, 'wallet', normalizeWallet(c.cryptoWallet));
  });
  push('resume-sha256', 0, 'resume', a.resume?.sha256?.trim().toLowerCase() || undefined);
  push('photo-sha256', 0, 'photo', a.photo?.sha256?.trim().toLowerCase() || undefined);
  push('photo-phash', 0, 'photo-phash', a.photo?.perceptualHash?.trim().toLowerCase() || undefined);
  const ip = (role: RoleName, i: number, raw: unknown) => {
    if (typeof raw !== 'string') return;
    const parsed = parseIp(raw.trim());
    // Private and reserved addresses are shared by whole offices and home routers: never a link.
    if (!parsed || ipScope(parsed) !== 'public' || options.ipAllowed?.(parsed)) return;
    push(role, i, 'ip', `${parsed.version}:${parsed.value.toString(16)}`, raw.trim());
  };
  (a.network?.sessions ?? []).forEach((s, i) => ip('session-ip', i, s.ip));
  (a.interviews ?? []).forEach((s, i) => ip('interview-ip', i, s.ip));
  return out;
}
