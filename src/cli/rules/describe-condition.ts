import type { Comparator } from '../../model/rule.js';
import { isObj } from '../../util/is-object.js';
import { LEAF_MODIFIERS, OPERATORS } from '../../operators/operators.js';
import { COMPARED_AS, joinWords, literal, wordsFor } from '../../operators/words.js';

/**
 * A condition tree in English, for `rules show` and for reviewers who do not read YAML. Pure and
 * total: it describes whatever it is given (a malformed node reads as "(unrecognised condition)"),
 * because it is only ever called on rules that already compiled.
 *
 *   { some: identity.documents[], where: { field: nameOnDocument, differsFrom: $.name.full, as: name } }
 *   → for at least one of identity.documents[]: its nameOnDocument differs from the applicant's
 *     name.full (compared as names)
 */
export function describeCondition(node: unknown): string {
  return describe(node, false);
}

const COMPOSITE = ['all', 'any', 'not', 'some', 'every'];

type Node = Record<string, unknown>;
const isComposite = (v: unknown) => isObj(v) && COMPOSITE.some((k) => k in v);

function describe(node: unknown, inScope: boolean): string {
  if (!isObj(node)) return '(unrecognised condition)';
  const part = (c: unknown) => (isComposite(c) ? `(${describe(c, inScope)})` : describe(c, inScope));
  if (Array.isArray(node.all)) return joinWords(node.all.map(part), 'and');
  if (Array.isArray(node.any)) return joinWords(node.any.map(part), 'or');
  if ('not' in node) return `it is not the case that ${part(node.not)}`;
  const path = wordsFor(inScope).path;
  if (typeof node.some === 'string') return `for at least one of ${path(node.some)}: ${describe(node.where, true)}`;
  if (typeof node.every === 'string') return `for every one of ${path(node.every)} (and there is at least one): ${describe(node.where, true)}`;
  if (typeof node.field === 'string') return leaf(node, inScope);
  return '(unrecognised condition)';
}

const multi = (p: string) => /\[[^\]]*\]/.test(p);

function subject(node: Node, shown: string): string {
  if (!multi(node.field as string)) return shown;
  const min = typeof node.minMatches === 'number' && node.minMatches > 1 ? node.minMatches : undefined;
  if (min) return `at least ${min} of ${shown}`;
  return node.quantifier === 'all' ? `every one of ${shown}` : `one of ${shown}`;
}

/** A leaf: its subject, then the operator's own words (operators/<name>.ts), then how values are compared. */
function leaf(node: Node, inScope: boolean): string {
  const op = Object.keys(node).find((k) => !LEAF_MODIFIERS.has(k));
  const words = wordsFor(inScope);
  const shown = words.path(node.field as string);
  if (!op) return `${shown} (no operator)`;
  const def = OPERATORS[op];
  // exists reads against the path itself (it is about absence), not "one of" its values.
  if (op === 'exists') return `${shown} ${def!.describe(node.exists, words)}`;
  const as = typeof node.as === 'string' ? ` (compared ${COMPARED_AS[node.as as Comparator] ?? `as ${node.as}`})` : '';
  return `${subject(node, shown)} ${def ? def.describe(node[op], words) : `${op} ${literal(node[op])}`}${as}`;
}
