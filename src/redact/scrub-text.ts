import { parseIp } from '../normalize/ip.js';
import { classifyField } from './pii-fields.js';
import { maskFor } from './mask.js';

/**
 * Free text (rendered messages, evidence notes, warnings) can carry values the structured fields
 * no longer show. Three passes, each catching what the one before cannot:
 *   1. `path = value` references in notes, masked by the class of the path;
 *   2. every value masked elsewhere in the same applicant, found again wherever it appears;
 *   3. shapes that are personal data whatever field they came from: e-mail addresses, IP
 *      addresses, international phone numbers, crypto wallets, long hashes.
 */

const MAX_WHOLE = 1000;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Values already masked for one applicant: raw text → its mask. Searched with indexOf rather than
 * one big regular expression: a pattern per applicant cost a millisecond each to compile and run.
 */
export class KnownValues {
  private readonly masks = new Map<string, string>();
  private sorted: Array<{ raw: string; lower: string; mask: string }> | undefined;

  add(text: string, mask: string): void {
    const t = text.trim();
    // Very short values ("Li", "OH") would mask ordinary words; the shape pass still covers them.
    if (t.length < 3 || this.masks.has(t)) return;
    // Notes shorten long values to 77 characters and an ellipsis (operators.ts `show`); a very
    // long value (a résumé) is only ever quoted that way.
    if (t.length <= MAX_WHOLE) this.masks.set(t, mask);
    if (t.length > 80) this.masks.set(`${t.slice(0, 77)}…`, mask);
    this.sorted = undefined;
  }

  get size(): number {
    return this.masks.size;
  }

  /** Whole values only ("Ann" must not eat the start of "Annual"), any case, longest first. */
  replaceIn(text: string): string {
    if (this.masks.size === 0 || text.length === 0) return text;
    this.sorted ??= [...this.masks]
      .map(([raw, mask]) => ({ raw, lower: raw.toLowerCase(), mask }))
      .filter((v) => v.lower.length > 0)
      .sort((a, b) => b.lower.length - a.lower.length);
    const lowered = text.toLowerCase();
    // Case folding that changes the length (rare: dotted İ) would shift offsets: match exactly then.
    const folded = lowered.length === text.length;
    const hay = folded ? lowered : text;
    const hits: Array<{ start: number; end: number; mask: string }> = [];
    for (const v of this.sorted) {
      const needle = folded ? v.lower : v.raw;
      for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
        const end = i + needle.length;
        if ((i > 0 && WORD_CHAR.test(text[i - 1]!)) || (end < text.length && WORD_CHAR.test(text[end]!))) continue;
        if (hits.some((h) => i < h.end && end > h.start)) continue;
        hits.push({ start: i, end, mask: v.mask });
      }
    }
    if (hits.length === 0) return text;
    hits.sort((a, b) => a.start - b.start);
    let out = '';
    let last = 0;
    for (const h of hits) {
      out += text.slice(last, h.start) + h.mask;
      last = h.end;
    }
    return out + text.slice(last);
  }
}

/** `path = value` as operators write notes ("differs from name.full = Jordan Miller; …"). */
const NOTE_REF = /((?:\$\.)?[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])*(?:\.[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])*)*) = /g;
const VALUE_END = /; | \(and \d+ more\)/g;

export function maskNoteReferences(note: string): string {
  let out = '';
  let last = 0;
  for (const r of noteReferences(note)) {
    out += note.slice(last, r.start) + r.mask;
    last = r.end;
  }
  return out + note.slice(last);
}

/**
 * The personal values a note quotes (`differs from contact.addresses[0] = 88 Orchard Rd, …`), with
 * their masks: a message read back from a report without its parts may quote the same value.
 */
export function noteReferenceValues(note: string): Array<{ text: string; mask: string }> {
  return noteReferences(note).map((r) => ({ text: note.slice(r.start, r.end), mask: r.mask }));
}

function noteReferences(note: string): Array<{ start: number; end: number; mask: string }> {
  const out: Array<{ start: number; end: number; mask: string }> = [];
  NOTE_REF.lastIndex = 0;
  for (let m = NOTE_REF.exec(note); m; m = NOTE_REF.exec(note)) {
    const cls = classifyField(m[1]!);
    const valueStart = m.index + m[0].length;
    VALUE_END.lastIndex = valueStart;
    const end = VALUE_END.exec(note)?.index ?? note.length;
    if (cls && cls !== 'public') out.push({ start: valueStart, end, mask: maskFor(cls, note.slice(valueStart, end)) });
    NOTE_REF.lastIndex = Math.max(end, valueStart);
  }
  return out;
}

const SHAPES: Array<[RegExp, string]> = [
  [/[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[email]'],
  [/\b0x[0-9a-fA-F]{40}\b/g, '[wallet]'],
  [/\b(?:bc1|tb1|ltc1)[02-9ac-hj-np-zAC-HJ-NP-Z]{11,87}\b/g, '[wallet]'],
  [/\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\b/g, '[wallet]'],
  [/\bT[1-9A-HJ-NP-Za-km-z]{33}\b/g, '[wallet]'],
  [/\b(?:sha(?:1|256|512)|md5):\S+|\b[0-9a-fA-F]{32,}\b/g, '[hash]'],
];

/** IP-shaped tokens; kept when followed by /bits: a CIDR range comes from rule data, not a person. */
const IP_TOKEN = /(?<![\w.:])(?:(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?|\d{1,3}(?:\.\d{1,3}){3})(?![\w.:/])/g;
const PLUS_PHONE = /\+\d[\d ().\/-]{5,}\d/g;
const NANP_PHONE = /(?<![\w-])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?![\w-])/g;

export function maskShapes(text: string): string {
  // Nothing personal is shorter than an IP address or lacks a digit or an @.
  if (text.length < 7 || !/[\d@]/.test(text)) return text;
  let out = text;
  for (const [re, mask] of SHAPES) out = out.replace(re, mask);
  out = out.replace(IP_TOKEN, (m) => (parseIp(m) ? maskFor('ip', m) : m));
  out = out.replace(PLUS_PHONE, (m) => (m.replace(/\D/g, '').length >= 7 ? maskFor('phone', m) : m));
  out = out.replace(NANP_PHONE, '[phone]');
  return out;
}

/** All three passes, for one applicant's free text. */
export function scrubText(text: string, known: KnownValues): string {
  return maskShapes(known.replaceIn(maskNoteReferences(text)));
}
