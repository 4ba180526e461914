import { parsePhone } from '../normalize/phone.js';
import { showValue } from '../runtime/message-template.js';
import { classifyField, type PiiKind } from './pii-fields.js';

/**
 * What a masked value reads as. Masks name the kind of data (a reviewer still sees *what* matched)
 * and keep only the country, which the rules are about and which does not single a person out.
 * No hashes of the value: phone numbers and dates of birth are few enough to be guessed back.
 */
export function maskFor(kind: PiiKind, value: unknown): string {
  switch (kind) {
    case 'name':
      return '[name]';
    case 'profile':
      return '[profile]';
    case 'email':
      return '[email]';
    case 'phone': {
      const country = typeof value === 'string' && value.trim().startsWith('+') ? parsePhone(value).country : undefined;
      return country ? `[phone, ${country}]` : '[phone]';
    }
    case 'address': {
      const country = typeof value === 'object' && value !== null ? (value as { country?: unknown }).country : undefined;
      return typeof country === 'string' && /^[A-Za-z]{2}$/.test(country) ? `[address, ${country.toUpperCase()}]` : '[address]';
    }
    case 'birthdate':
      return '[date of birth]';
    case 'account':
      return '[account]';
    case 'wallet':
      return '[wallet]';
    case 'ip':
      return '[IP address]';
    case 'hash':
      return '[hash]';
    case 'text':
      return '[text]';
    default:
      return '[redacted]';
  }
}

/** A masked value and the raw strings it hid (to find them again in free text). */
export interface Masked {
  value: unknown;
  hidden: Array<{ text: string; mask: string }>;
}

/**
 * Mask one value found at `path` (an evidence item, a message placeholder). Objects are walked so
 * that only their personal fields go (a session keeps its country, loses its IP); a whole address
 * or name object becomes one mask. Fields the table does not know are kept as they are.
 */
export function maskAt(path: string, value: unknown): Masked {
  const hidden: Masked['hidden'] = [];
  const walk = (p: string, v: unknown): unknown => {
    if (v === null || v === undefined) return v;
    const cls = classifyField(p);
    if (cls && cls !== 'public') {
      const mask = maskFor(cls, v);
      for (const text of rawStrings(p, v)) hidden.push({ text, mask });
      return mask;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(`${p}[${i}]`, x));
    if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(`${p}.${k}`, x)]));
    return v;
  };
  return { value: walk(path, value), hidden };
}

/**
 * Every string form a masked value may take in a message or note: itself, its text as messages
 * show it, its JSON, and its personal parts (an address's street and city, not its country).
 */
function rawStrings(path: string, v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v === 'number' || typeof v === 'bigint') return [String(v)];
  if (typeof v !== 'object' || v === null) return [];
  const out = [JSON.stringify(v), showValue(v)];
  const leaves = (p: string, x: unknown): void => {
    if (typeof x === 'string' || typeof x === 'number') {
      if (classifyField(p) !== 'public') out.push(String(x));
    } else if (Array.isArray(x)) x.forEach((y, i) => leaves(`${p}[${i}]`, y));
    else if (typeof x === 'object' && x !== null) Object.entries(x).forEach(([k, y]) => leaves(`${p}.${k}`, y));
  };
  leaves(path, v);
  return out;
}
