import type { Comparator, EvidenceItem } from '../model/rule.js';
import { COMPARATORS } from '../model/rule.js';
import type { NamedList } from '../model/list.js';
import type { DiagnosticCode } from '../model/diagnostic.js';
import { parsePath } from '../runtime/field-path.js';
import { compileProbe, compileResolver, compileValues } from '../runtime/field-resolve.js';
import { checkField, isArrayNode, type SchemaNode } from './field-schema.js';
import { closest } from '../util/closest.js';
import { LEAF_MODIFIERS, OPERATOR_NAMES, OPERATORS, type RefResolver } from '../operators/operators.js';
import { isObj } from '../util/is-object.js';

/** A compiled condition: evidence when it holds (possibly empty, e.g. under `not`), null when not. */
export type CompiledCondition = (root: unknown, scope: unknown, scopePath: string) => EvidenceItem[] | null;

type Keys = Array<string | number>;

export interface ConditionEnv {
  schemaRoot: SchemaNode;
  lists: Map<string, NamedList>;
  /** Report a problem at the YAML node found by these keys from the rule's root. */
  fail: (keys: Keys, message: string, hint?: string, code?: DiagnosticCode) => void;
  /** Absolute patterns of every field the rule reads. */
  fields: Set<string>;
  /** The fields a rule tests (leaf and scope paths, not what they are compared with): without data in any of them the rule cannot say anything. */
  subjects?: Set<string>;
}

interface Scope {
  schema: SchemaNode;
  /** Absolute pattern of the scope, '' at the applicant. */
  pattern: string;
}

const MAX_EVIDENCE = 25;
const NODE_KEYS = ['all', 'any', 'not', 'some', 'every', 'where', ...LEAF_MODIFIERS, ...OPERATOR_NAMES];

/**
 * Names of attributes that would score origin. The applicant schema has none of them, but a rule
 * author could still reach for one under `extra`; refusing the words keeps the principle checkable.
 */
const ORIGIN_WORDS = /(nationality|citizenship|ethnicity|ethnic|race|religion|birthplace|placeofbirth|countryofbirth|nativelanguage|mothertongue|language)/i;

export function compileCondition(node: unknown, keys: Keys, env: ConditionEnv, scope: Scope): CompiledCondition | undefined {
  if (!isObj(node)) {
    env.fail(
      keys,
      'a condition must be a mapping: all / any / not / some / every, or a leaf with field and an operator',
      'e.g. { field: contact.phones[], startsWith: "+850" } (docs/rules.md, "Conditions")',
    );
    return undefined;
  }
  if ('all' in node || 'any' in node) {
    const kind = 'all' in node ? 'all' : 'any';
    const extra = Object.keys(node).filter((k) => k !== kind);
    if (extra.length) env.fail([...keys, extra[0]!], `'${extra[0]}' cannot sit beside '${kind}'`, 'put each condition in its own list item');
    const items = node[kind];
    if (!Array.isArray(items) || items.length === 0) {
      env.fail([...keys, kind], `'${kind}' needs a non-empty list of conditions`, `write ${kind}: followed by list items, each starting with '- '`);
      return undefined;
    }
    const parts = items.map((c, i) => compileCondition(c, [...keys, kind, i], env, scope));
    if (parts.some((p) => !p)) return undefined;
    const fns = parts as CompiledCondition[];
    if (kind === 'all') {
      return (root, sc, sp) => {
        let ev: EvidenceItem[] | undefined;
        for (const f of fns) {
          const r = f(root, sc, sp);
          if (!r) return null;
          if (r.length) ev = ev ? ev.concat(r) : r;
        }
        return ev ?? [];
      };
    }
    return (root, sc, sp) => {
      let ev: EvidenceItem[] | null = null;
      for (const f of fns) {
        const r = f(root, sc, sp);
        if (r) ev = ev ? ev.concat(r) : r;
      }
      return ev;
    };
  }
  if ('not' in node) {
    const extra = Object.keys(node).filter((k) => k !== 'not');
    if (extra.length) env.fail([...keys, extra[0]!], `'${extra[0]}' cannot sit beside 'not'`, 'not takes one condition: indent it under not:');
    const inner = compileCondition(node.not, [...keys, 'not'], env, scope);
    if (!inner) return undefined;
    return (root, sc, sp) => (inner(root, sc, sp) ? null : []);
  }
  if ('some' in node || 'every' in node) return compileScope(node, keys, env, scope);
  if ('field' in node) return compileLeaf(node, keys, env, scope);
  const unknown = Object.keys(node)[0] ?? '';
  const guess = closest(unknown, NODE_KEYS);
  env.fail([...keys, unknown], `unknown condition '${unknown}'`, guess ? `did you mean '${guess}'?` : 'use all, any, not, some, every, or a leaf with field');
  return undefined;
}

function compileScope(node: Record<string, unknown>, keys: Keys, env: ConditionEnv, scope: Scope): CompiledCondition | undefined {
  const kind = 'some' in node ? 'some' : 'every';
  const extra = Object.keys(node).filter((k) => k !== kind && k !== 'where');
  if (extra.length) env.fail([...keys, extra[0]!], `'${extra[0]}' cannot sit beside '${kind}'`, `${kind} takes a list path and where`);
  const pathText = node[kind];
  const parsed = typeof pathText === 'string' ? parsePath(pathText) : 'expected a field path';
  if (typeof parsed === 'string') {
    env.fail([...keys, kind], parsed, 'paths look like identity.documents[] or contact.addresses[type=home]');
    return undefined;
  }
  const start = parsed.absolute ? env.schemaRoot : scope.schema;
  const check = checkField(env.schemaRoot, start, parsed);
  if (!check.ok) {
    env.fail([...keys, kind], check.message!, check.hint, 'rule-unknown-field');
    return undefined;
  }
  const last = parsed.segments[parsed.segments.length - 1];
  if (!last || last.kind === 'key') {
    const hint = isArrayNode(check.node) ? `write '${pathText}[]'` : undefined;
    env.fail([...keys, kind], `'${kind}' needs a path that ends in [] or [field=value] (one element at a time)`, hint);
    return undefined;
  }
  if (node.where === undefined) {
    env.fail(
      keys,
      `'${kind}' needs a 'where' condition applied to each element`,
      `add where: { field: <field of the element>, <operator>: ... } beside ${kind}`,
    );
    return undefined;
  }
  const pattern = absolutePattern(parsed.absolute ? '' : scope.pattern, parsed.text.replace(/^\$\./, ''));
  env.fields.add(pattern);
  env.subjects?.add(pattern);
  const where = compileCondition(node.where, [...keys, 'where'], env, { schema: check.node!, pattern });
  if (!where) return undefined;
  const resolve = compileResolver(parsed);
  const bare = compileValues(parsed);
  return (root, sc, sp) => {
    const values = bare(parsed.absolute ? root : sc);
    if (values.length === 0) return null;
    // First without paths: most elements match nothing, and whether one matches never depends on
    // where it sits (paths only go into evidence).
    let hits: number[] | undefined;
    for (let i = 0; i < values.length; i++) {
      if (where(root, values[i], '')) (hits ??= []).push(i);
      else if (kind === 'every') return null;
    }
    if (!hits) return null;
    // Then the matches again with their paths, for the evidence (same elements, same order).
    const elements = parsed.absolute ? resolve(root, '') : resolve(sc, sp);
    const ev: EvidenceItem[] = [];
    for (const i of hits) {
      if (ev.length >= MAX_EVIDENCE) break;
      const el = elements[i]!;
      ev.push(...where(root, el.value, el.path)!);
    }
    return ev;
  };
}

function absolutePattern(scopePattern: string, rel: string): string {
  return scopePattern ? `${scopePattern}.${rel}` : rel;
}

function compileLeaf(node: Record<string, unknown>, keys: Keys, env: ConditionEnv, scope: Scope): CompiledCondition | undefined {
  const fieldText = node.field;
  const parsed = typeof fieldText === 'string' ? parsePath(fieldText) : 'field must be a path string';
  if (typeof parsed === 'string') {
    env.fail([...keys, 'field'], parsed, 'paths look like name.full, contact.phones[] or identity.documents[type=passport].nameOnDocument');
    return undefined;
  }
  const pattern = absolutePattern(parsed.absolute ? '' : scope.pattern, parsed.text.replace(/^\$\./, ''));
  if (ORIGIN_WORDS.test(pattern.replace(/[^a-z]/gi, ''))) {
    env.fail(
      [...keys, 'field'],
      `'${pattern}' looks like an origin attribute (nationality, citizenship, ethnicity, language…): rules may test inconsistencies and concrete links, never origin`,
      'test a consistency or a concrete link instead, e.g. claimedLocation.country against derived.observedCountries[]',
      'rule-origin-attribute',
    );
    return undefined;
  }
  const check = checkField(env.schemaRoot, parsed.absolute ? env.schemaRoot : scope.schema, parsed);
  if (!check.ok) {
    env.fail([...keys, 'field'], check.message!, check.hint, 'rule-unknown-field');
    return undefined;
  }
  env.fields.add(pattern);
  env.subjects?.add(pattern);

  const opKeys = Object.keys(node).filter((k) => !LEAF_MODIFIERS.has(k));
  // A misspelt modifier beside a real operator (quantifer: all) would otherwise read as "two operators".
  const stray = opKeys.length > 1 ? opKeys.find((k) => !OPERATOR_NAMES.includes(k)) : undefined;
  if (stray) {
    const guess = closest(stray, NODE_KEYS);
    env.fail(
      [...keys, stray],
      `unknown key '${stray}' in the condition on '${fieldText}'`,
      guess ? `did you mean '${guess}'?` : `a leaf takes field, one operator, and optionally as, quantifier, minMatches`,
    );
    return undefined;
  }
  if (opKeys.length !== 1) {
    if (opKeys.length === 0) env.fail(keys, `leaf on '${fieldText}' has no operator`, `add one of: ${OPERATOR_NAMES.join(', ')}`);
    else env.fail([...keys, opKeys[1]!], `a leaf takes exactly one operator, found ${opKeys.join(', ')}`, 'combine several tests with all / any');
    return undefined;
  }
  const op = opKeys[0]!;
  const operand = node[op];
  const quantifier = node.quantifier ?? 'any';
  if (quantifier !== 'any' && quantifier !== 'all') {
    env.fail(
      [...keys, 'quantifier'],
      `quantifier must be any or all, got '${String(quantifier)}'`,
      'quantifier: all requires every value to pass; any (the default) requires one',
    );
    return undefined;
  }
  const minMatches = node.minMatches ?? 1;
  if (typeof minMatches !== 'number' || !Number.isInteger(minMatches) || minMatches < 1) {
    env.fail([...keys, 'minMatches'], 'minMatches must be a whole number of at least 1', 'e.g. minMatches: 2');
    return undefined;
  }
  const resolve = compileResolver(parsed);
  const values = (root: unknown, sc: unknown, sp: string) => (parsed.absolute ? resolve(root, '') : resolve(sc, sp));

  if (op === 'exists') {
    if (typeof operand !== 'boolean') {
      env.fail([...keys, 'exists'], 'exists takes true or false', 'write exists: true (the field holds data) or exists: false (it is absent or empty)');
      return undefined;
    }
    const present = compileProbe(parsed);
    return (root, sc, sp) => {
      const any = present(parsed.absolute ? root : sc);
      if (!operand) return any ? null : [];
      return any
        ? values(root, sc, sp)
            .slice(0, MAX_EVIDENCE)
            .map((v) => ({ path: v.path, pattern, value: v.value }))
        : null;
    };
  }
  // `exists` was handled above: every other operator builds a predicate.
  const def = OPERATORS[op];
  if (!def?.build) {
    const guess = closest(op, OPERATOR_NAMES);
    env.fail([...keys, op], `unknown operator '${op}'`, guess ? `did you mean '${guess}'?` : `operators: ${OPERATOR_NAMES.join(', ')}`);
    return undefined;
  }
  const asRaw = node.as ?? def.defaultAs ?? 'text';
  if (!(COMPARATORS as readonly string[]).includes(asRaw as string)) {
    const guess = closest(String(asRaw), [...COMPARATORS]);
    env.fail([...keys, 'as'], `unknown comparison '${String(asRaw)}'`, guess ? `did you mean '${guess}'?` : `one of: ${COMPARATORS.join(', ')}`);
    return undefined;
  }
  let failed = false;
  const predicate = def.build(operand, {
    comparator: asRaw as Comparator,
    lists: env.lists,
    fail: (message, sub = [], hint, code) => {
      failed = true;
      env.fail([...keys, op, ...sub], message, hint, code);
    },
    ref: (path, sub) => compileRef(path, [...keys, op, ...sub], env, scope),
  });
  if (!predicate || failed) return undefined;

  // Values are tested without their paths; the few that match get them afterwards (same order).
  const bare = compileValues(parsed);
  return (root, sc, sp) => {
    const vs = bare(parsed.absolute ? root : sc);
    if (vs.length === 0) return null;
    let matched: Array<{ index: number; note?: string }> | undefined;
    let hits = 0;
    for (let i = 0; i < vs.length; i++) {
      const verdict = predicate(vs[i], root, sc, sp);
      if (verdict.ok) {
        hits++;
        if (hits <= MAX_EVIDENCE) (matched ??= []).push({ index: i, note: verdict.note });
      } else if (quantifier === 'all') return null;
    }
    if (hits < minMatches || !matched) return null;
    const found = values(root, sc, sp);
    return matched.map((m) => ({ path: found[m.index]!.path, pattern, value: found[m.index]!.value, note: m.note }));
  };
}

function compileRef(path: string, keys: Keys, env: ConditionEnv, scope: Scope): RefResolver | undefined {
  const parsed = parsePath(path);
  if (typeof parsed === 'string') {
    env.fail(keys, parsed, 'a field reference looks like $.name.full or contact.phones[]');
    return undefined;
  }
  const check = checkField(env.schemaRoot, parsed.absolute ? env.schemaRoot : scope.schema, parsed);
  if (!check.ok) {
    env.fail(keys, check.message!, check.hint, 'rule-unknown-field');
    return undefined;
  }
  env.fields.add(absolutePattern(parsed.absolute ? '' : scope.pattern, parsed.text.replace(/^\$\./, '')));
  const resolve = compileResolver(parsed);
  const bare = compileValues(parsed);
  return Object.assign((root: unknown, sc: unknown, sp: string) => (parsed.absolute ? resolve(root, '') : resolve(sc, sp)), {
    values: (root: unknown, sc: unknown) => bare(parsed.absolute ? root : sc),
  });
}
