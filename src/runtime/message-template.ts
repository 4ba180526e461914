import type { EvidenceItem, MessagePart } from '../model/rule.js';
import type { Facts } from '../model/applicant.js';
import { parsePath, type ParsedPath } from './field-path.js';
import { compileResolver } from './field-resolve.js';
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
/** Walk a concrete path such as derived.payees[1] to the value it names. */
function valueAt(root: unknown, concrete: string): unknown {
  let node: unknown = root;
  for (const m of concrete.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = m[2] !== undefined ? (node as unknown[])[Number(m[2])] : (node as Record<string, unknown>)[m[1]!];
  }
  return node;
}

/**
 * Values for a placeholder taken from the same array element as the evidence: if the rule matched
 * derived.payees[1].holderName, {{derived.payees[].origin}} means derived.payees[1].origin.
 */
function sameElementValues(facts: Facts, steps: ArrayStep[], evidence: EvidenceItem[]): unknown[] {
  const out: unknown[] = [];
  for (const e of evidence) {
    // The longest array prefix of the placeholder the evidence shares.
    let step: ArrayStep | undefined;
    for (const s of steps) if (e.pattern.startsWith(s.prefix)) step = s;
    if (!step) continue;
    // The concrete prefix of the evidence path that covers the same number of array steps.
    let seen = 0;
    let end = -1;
    for (const m of e.path.matchAll(/\[\d+\]/g)) {
      if (++seen === step.arrays) {
        end = m.index! + m[0].length;
        break;
      }
    }
    if (end < 0) continue;
    const element = valueAt(facts, e.path.slice(0, end));
    if (!step.rest) out.push(element);
    else if (step.resolve) out.push(...step.resolve(element, '').map((r) => r.value));
  }
  return out;
}

/** A placeholder's path cut after one of its `[]`: the prefix, how many `[]` it holds, and the rest compiled. */
interface ArrayStep {
  prefix: string;
  arrays: number;
  rest: string;
  resolve: Resolver | undefined;
}

type Resolver = ReturnType<typeof compileResolver>;

/** A placeholder's array steps, worked out when the template compiles (not for every finding rendered). */
function arrayStepsOf(path: string): ArrayStep[] {
  const steps: ArrayStep[] = [];
  for (let i = path.indexOf('[]'); i >= 0; i = path.indexOf('[]', i + 2)) {
    const cut = i + 2;
    const rest = path.slice(cut).replace(/^\./, '');
    const parsed = rest ? parsePath(rest) : undefined;
    steps.push({
      prefix: path.slice(0, cut),
      arrays: steps.length + 1,
      rest,
      resolve: parsed && typeof parsed !== 'string' ? compileResolver(parsed) : undefined,
    });
  }
  return steps;
}

export function compileTemplate(template: string, parsed: Map<string, ParsedPath>) {
  const resolvers = new Map([...parsed].map(([k, p]) => [k, compileResolver(p)]));
  const pieces: Array<string | { path: string; steps: ArrayStep[] }> = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index > last) pieces.push(template.slice(last, m.index));
    pieces.push({ path: m[1]!, steps: arrayStepsOf(m[1]!) });
    last = m.index + m[0].length;
  }
  if (last < template.length) pieces.push(template.slice(last));
  return (facts: Facts, evidence: EvidenceItem[]): MessagePart[] =>
    pieces.map((piece) => {
      if (typeof piece === 'string') return piece;
      const path = piece.path;
      const matched = evidence.filter((e) => e.pattern === path).map((e) => e.value);
      const related = matched.length ? matched : sameElementValues(facts, piece.steps, evidence);
      const values = related.length ? related : (resolvers.get(path)?.(facts, '') ?? []).map((r) => r.value);
      const shown = [...new Set(values.map(showValue))];
      const text = shown.length === 0 ? '(none)' : shown.length > 3 ? `${shown.slice(0, 3).join(', ')} and ${shown.length - 3} more` : shown.join(', ');
      return { path, values, text };
    });
}

export { parsePath };
