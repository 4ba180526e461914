import type { EvidenceItem } from '../model/rule.js';
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

/**
 * `{{path}}` becomes the values that matched at that path (so the message speaks of the document
 * that differs, not all of them), or, if nothing matched there, every value the record holds.
 */
export function compileTemplate(template: string, parsed: Map<string, ParsedPath>) {
  const resolvers = new Map([...parsed].map(([k, p]) => [k, compileResolver(p)]));
  return (facts: Facts, evidence: EvidenceItem[]): string =>
    template.replace(PLACEHOLDER, (_, path: string) => {
      const matched = evidence.filter((e) => e.pattern === path).map((e) => e.value);
      const values = matched.length ? matched : (resolvers.get(path)?.(facts, '') ?? []).map((r) => r.value);
      const shown = [...new Set(values.map(showValue))];
      if (shown.length === 0) return '(none)';
      return shown.length > 3 ? `${shown.slice(0, 3).join(', ')} and ${shown.length - 3} more` : shown.join(', ');
    });
}

export { parsePath };
