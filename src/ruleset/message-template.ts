import type { EvidenceItem, MessagePart } from '../model/rule.js';
import type { Facts } from '../model/applicant.js';
import { compileResolver, parsePath, type ParsedPath } from './field-path.js';
import { formatAddress } from '../normalize/address.js';
import type { Address } from '../model/applicant.js';

const PLACEHOLDER = /\{\{\s*([^}\s]+)\s*\}\}/g;

export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

export function showValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && ('line1' in v || 'city' in v)) return formatAddress(v as Address);
  return JSON.stringify(v);
}


export function joinMessage(parts: MessagePart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : p.text)).join('');
}

/**
 * `{{path}}` becomes the values that matched at that path (so the message speaks of the document
 * that differs, not all of them), or, if nothing matched there, every value the record holds.
 * The parts are kept so that --redact can render the message again with the values masked,
 * instead of guessing where a value sits in the finished sentence.
 */
export function compileTemplate(template: string, parsed: Map<string, ParsedPath>) {
  const resolvers = new Map([...parsed].map(([k, p]) => [k, compileResolver(p)]));
  const pieces: Array<string | { path: string }> = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index > last) pieces.push(template.slice(last, m.index));
    pieces.push({ path: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < template.length) pieces.push(template.slice(last));
  return (facts: Facts, evidence: EvidenceItem[]): MessagePart[] =>
    pieces.map((piece) => {
      if (typeof piece === 'string') return piece;
      const path = piece.path;
      const matched = evidence.filter((e) => e.pattern === path).map((e) => e.value);
      const values = matched.length ? matched : (resolvers.get(path)?.(facts, '') ?? []).map((r) => r.value);
      const shown = [...new Set(values.map(showValue))];
      const text = shown.length === 0 ? '(none)' : shown.length > 3 ? `${shown.slice(0, 3).join(', ')} and ${shown.length - 3} more` : shown.join(', ');
      return { path, values, text };
    });
}

export { parsePath };
