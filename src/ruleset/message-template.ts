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

const PIECES = /\[[^\]]*\]|[^[]+/g;

function valueAt(root: unknown, concrete: string): unknown {
  let node = root;
  for (const m of concrete.matchAll(/([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = m[1] !== undefined ? (node as Record<string, unknown>)[m[1]] : (node as unknown[])[Number(m[2])];
  }
  return node;
}

/**
 * Values of `path` in the same list element the evidence came from: for evidence at
 * identity.documents[1].nameOnDocument, {{identity.documents[].type}} is documents[1].type.
 */
function besideEvidence(facts: Facts, path: string, evidence: EvidenceItem[]): unknown[] {
  const want = path.match(PIECES) ?? [];
  const out: unknown[] = [];
  for (const e of evidence) {
    const have = e.pattern.match(PIECES) ?? [];
    let brackets = 0;
    let cut = 0;
    for (let i = 0; i < want.length && i < have.length && want[i] === have[i]; i++) {
      if (want[i]!.startsWith('[')) {
        brackets++;
        cut = i + 1;
      }
    }
    if (brackets === 0) continue;
    let end = -1;
    for (let i = 0; i < brackets; i++) {
      end = e.path.indexOf(']', end + 1);
      if (end < 0) break;
    }
    if (end < 0) continue;
    const prefix = e.path.slice(0, end + 1);
    const element = valueAt(facts, prefix);
    const rest = want.slice(cut).join('').replace(/^\./, '');
    if (!rest) {
      if (element !== undefined) out.push(element);
      continue;
    }
    const parsed = parsePath(rest);
    if (typeof parsed !== 'string') out.push(...compileResolver(parsed)(element, prefix).map((r) => r.value));
  }
  return out;
}

/**
 * `{{path}}` becomes the values that matched at that path (so the message speaks of the document
 * that differs, not all of them), else the values beside the evidence in the same list element,
 * or, if the path shares no list with the evidence, every value the record holds.
 */
export function compileTemplate(template: string, parsed: Map<string, ParsedPath>) {
  const resolvers = new Map([...parsed].map(([k, p]) => [k, compileResolver(p)]));
  return (facts: Facts, evidence: EvidenceItem[]): string =>
    template.replace(PLACEHOLDER, (_, path: string) => {
      const matched = evidence.filter((e) => e.pattern === path).map((e) => e.value);
      const beside = matched.length ? [] : besideEvidence(facts, path, evidence);
      const values = matched.length ? matched : beside.length ? beside : (resolvers.get(path)?.(facts, '') ?? []).map((r) => r.value);
      const shown = [...new Set(values.map(showValue))];
      if (shown.length === 0) return '(none)';
      return shown.length > 3 ? `${shown.slice(0, 3).join(', ')} and ${shown.length - 3} more` : shown.join(', ');
    });
}

export { parsePath };
