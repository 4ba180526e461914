import type { WatchWallet } from './types.js';

/** What OFAC packs into an sdn.csv Remarks cell that the import uses. */
export interface RemarkFacts {
  dob?: string;
  emails: string[];
  websites: string[];
  wallets: WatchWallet[];
  /** "a.k.a. 'KOMID'": OFAC lists weak aliases in Remarks only. */
  weakAliases: string[];
}

/**
 * A fact longer than this is not an identifier (an e-mail address is at most 254 characters, a
 * wallet far less): such a part is skipped before any pattern looks at it.
 */
const MAX_FACT = 512;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const WALLET = /^-\s*([A-Za-z0-9]{2,12})\s+(\S+)$/;
const WEAK_AKA = /^[afn]\.k\.a\.\s+'(.+)'$/i;

/** `part` starts with `word` (ASCII, any case) followed by a blank; returns the rest, trimmed. */
function after(part: string, word: string): string | undefined {
  if (part.length <= word.length || part.slice(0, word.length).toLowerCase() !== word) return undefined;
  const next = part.charCodeAt(word.length);
  if (next !== 32 && next !== 9 && next !== 45 /* - */) return undefined;
  return part.slice(word.length).trim();
}

/**
 * Facts from a Remarks text such as "DOB 12 Jul 1986; Email Address a@b.c; alt. Digital Currency
 * Address - XBT 1abc; a.k.a. 'handle'; Website www.x.test.". One split on ';' and a bounded look
 * at each part: linear in the length of the text, whatever it holds (a 200 KB cell included).
 * "alt." (a second value of the same kind) is read like the first.
 */
export function parseRemarks(remarks: string | undefined): RemarkFacts {
  const out: RemarkFacts = { emails: [], websites: [], wallets: [], weakAliases: [] };
  if (!remarks) return out;
  const parts = remarks.split(';');
  parts.forEach((raw, i) => {
    let part = raw.trim();
    // The cell ends with a full stop: "…; Website www.x.test."
    if (i === parts.length - 1 && part.endsWith('.')) part = part.slice(0, -1).trimEnd();
    if (part.length === 0 || part.length > MAX_FACT) return;
    if (part.slice(0, 5).toLowerCase() === 'alt. ') part = part.slice(5).trimStart();
    let v: string | undefined;
    let m: RegExpExecArray | null;
    if ((v = after(part, 'dob')) !== undefined && v) out.dob = out.dob ? `${out.dob}; ${v}` : v;
    else if ((v = after(part, 'email address')) !== undefined) {
      if (EMAIL.test(v)) out.emails.push(v);
    } else if ((v = after(part, 'website')) !== undefined) {
      if (v && !/\s/.test(v)) out.websites.push(v);
    } else if ((v = after(part, 'digital currency address')) !== undefined) {
      if ((m = WALLET.exec(v))) out.wallets.push({ currency: m[1]!.toUpperCase(), address: m[2]! });
    } else if ((m = WEAK_AKA.exec(part))) {
      const alias = m[1]!.trim();
      if (alias) out.weakAliases.push(alias);
    }
  });
  return out;
}
