import type { Comparator } from '../model/rule.js';
import type { NamedList } from '../model/list.js';
import { showValue } from '../runtime/message-template.js';
import type { Verdict } from '../runtime/verdict.js';
import type { DiagnosticCode } from '../model/diagnostic.js';

/** The codes an operator may report besides the default `rule-schema`. */
export type OperandCode = Extract<DiagnosticCode, 'rule-unsafe-regex' | 'rule-invalid-regex' | 'rule-unknown-list'>;

/** What operators are made of: their types and the operand helpers they share. */

/** Resolves a `{ field: path }` operand (or a sameAs path) against the record at evaluation time. */
export type RefResolver = ((root: unknown, scope: unknown, scopePath: string) => Array<{ path: string; value: unknown }>) & {
  /** The same values without their paths (a note needs a path only once something matched). */
  values: (root: unknown, scope: unknown) => unknown[];
};

export type Predicate = (value: unknown, root: unknown, scope: unknown, scopePath: string) => Verdict;

export interface OperatorEnv {
  comparator: Comparator;
  lists: Map<string, NamedList>;
  /** Compile a field reference found in an operand; reports its own errors. */
  ref: (path: string, keys: Array<string | number>) => RefResolver | undefined;
  /**
   * Report a problem with the operand at these YAML keys (relative to the operator's value). The
   * code is explicit (docs/errors.md); without one it is `rule-schema`, a malformed operand.
   */
  fail: (message: string, keys?: Array<string | number>, hint?: string, code?: OperandCode) => void;
}

export interface OperatorDef {
  /** Default comparator when the leaf gives no `as`. */
  defaultAs?: Comparator;
  build: (operand: unknown, env: OperatorEnv) => Predicate | undefined;
}

export const isRef = (v: unknown): v is { field: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { field?: unknown }).field === 'string';
export const isListRef = (v: unknown): v is { list: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { list?: unknown }).list === 'string';
export const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

export const show = (v: unknown): string => {
  const s = showValue(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
};

/** An operand that is a literal or { field: path }, resolved to values at evaluation time. */
export function operandValues(operand: unknown, env: OperatorEnv, check: (v: unknown) => boolean, what: string) {
  if (isRef(operand)) {
    const r = env.ref(operand.field, ['field']);
    if (!r) return undefined;
    return (root: unknown, scope: unknown, scopePath: string) => r(root, scope, scopePath);
  }
  if (!check(operand)) {
    env.fail(`expected ${what} or { field: <path> }, got ${show(operand)}`);
    return undefined;
  }
  const fixed = [{ path: '', value: operand }];
  return () => fixed;
}

export function lookupList(operand: { list: string }, env: OperatorEnv): NamedList | undefined {
  const list = env.lists.get(operand.list);
  if (!list) env.fail(`unknown list '${operand.list}'`, ['list'], `known lists: ${[...env.lists.keys()].join(', ') || '(none)'}`, 'rule-unknown-list');
  return list;
}

export function listLabel(list: NamedList, entry: NamedList['entries'][number]): string {
  const about = [entry.note, entry.source ? `${entry.source.title}${entry.source.date ? `, ${entry.source.date}` : ''}` : undefined].filter(Boolean);
  return `matches "${entry.value}" on list ${list.id}${about.length ? `: ${about.join('; ')}` : ''}`;
}
