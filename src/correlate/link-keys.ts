import type { Address, Applicant } from '../model/applicant.js';
import { addressKey, formatAddress } from '../normalize/address.js';
import { parseIp, type ParsedIp } from '../normalize/ip.js';
import { ipScope } from '../normalize/ip-scope.js';
import { fastE164, parsePhone } from '../normalize/phone.js';
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

/**
 * E.164 when it can be had, else the digits. A North American "+1 (614) 555-0142" is E.164 once
 * the punctuation goes (fastE164); other numbers are parsed, since "+44 020…" drops its 0.
 */
export function normalizePhone(raw: string, country?: string): string | undefined {
  const s = raw.trim();
  const fast = fastE164(s);
  if (fast) return fast;
  // The memoised parse enrich and the phone warnings already made of this number (and which
  // loads libphonenumber's metadata only when a number needs it, not at every start).
  const e164 = parsePhone(s, country).e164;
  if (e164) return e164;
  const digits = s.replace(/\D/g, '');
  return digits.length >= 7 ? digits : undefined;
}

/** The enrich stage already parsed the applicant's phones and placed their IPs; reuse that. */
interface Derived {
  phones?: Array<{ e164?: string }>;
  sessions?: Array<{ origin?: string; ipScope?: string }>;
}

const V4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

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

function dotted(v: bigint): string {
  const n = Number(v);
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Every linkable value in one applicant record. */
export function linkKeys(a: Applicant, options: KeyOptions = {}): LinkKey[] {
  const out: LinkKey[] = [];
  const push = (role: RoleName, index: number, space: string, value: string | undefined, display?: string) => {
    if (!value || index >= MAX_KEYS_PER_FIELD) return;
    out.push({ role: roleIndex(role)!, index, norm: `${space}|${value}`, display: display ?? value });
  };
  const country = a.claimedLocation?.country;
  const derived = (a as { derived?: Derived }).derived;
  push('id', 0, 'id', a.id);
  (a.contact?.phones ?? []).forEach((p, i) => {
    const e164 = derived?.phones?.[i]?.e164;
    push('phone', i, 'phone', e164 ?? normalizePhone(p, country));
  });
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
  const scopes = new Map<string, string | undefined>();
  for (const s of derived?.sessions ?? []) if (s.origin) scopes.set(s.origin, s.ipScope);
  const ip = (role: RoleName, origin: string, i: number, raw: unknown) => {
    if (typeof raw !== 'string' || i >= MAX_KEYS_PER_FIELD) return;
    const text = raw.trim();
    const known = scopes.get(origin);
    // Private and reserved addresses are shared by whole offices and home routers: never a link.
    if (known !== undefined && known !== 'public') return;
    // A dotted quad without leading zeros is its own canonical form: no need to parse it.
    if (known === 'public' && !options.ipAllowed && V4.test(text)) return push(role, i, 'ip', `4:${text}`, text);
    const parsed = parseIp(text);
    if (!parsed || (known ?? ipScope(parsed)) !== 'public' || options.ipAllowed?.(parsed)) return;
    push(role, i, 'ip', parsed.version === 4 ? `4:${dotted(parsed.value)}` : `6:${parsed.value.toString(16)}`, text);
  };
  (a.network?.sessions ?? []).forEach((s, i) => ip('session-ip', `network.sessions[${i}]`, i, s.ip));
  (a.interviews ?? []).forEach((s, i) => ip('interview-ip', `interviews[${i}]`, i, s.ip));
  // Hashed at read time (src/read/adapters): the same laptop or document behind several people.
  const hashed = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().toLowerCase() : undefined);
  (a.network as { devices?: Array<{ id?: unknown }> } | undefined)?.devices?.forEach((d, i) => push('device', i, 'device', hashed(d.id)));
  (a.identity?.documents ?? []).forEach((d, i) => push('document-number', i, 'document', hashed(d.numberHash)));
  return out;
}
