import type { Comparator } from '../../model/rule.js';
import { lookupTable } from '../../util/lookup-table.js';
import { isObj } from '../../util/is-object.js';

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

// Partial: a comparator added to the engine reads as 'as <name>' until it gets its own words.
const COMPARED_AS: Partial<Record<Comparator, string>> = lookupTable({
  text: 'as text, ignoring case and accents',
  exact: 'exactly',
  name: 'as names',
  'name-part': 'as sharing a surname or given name',
  date: 'as calendar dates',
  company: 'as company names',
  address: 'as addresses',
  phone: 'as phone numbers',
  email: 'as email addresses',
  country: 'as country codes',
});

const COMPOSITE = ['all', 'any', 'not', 'some', 'every'];
const MODIFIERS = new Set(['field', 'as', 'quantifier', 'minMatches']);

type Node = Record<string, unknown>;
const isComposite = (v: unknown) => isObj(v) && COMPOSITE.some((k) => k in v);

function describe(node: unknown, inScope: boolean): string {
  if (!isObj(node)) return '(unrecognised condition)';
  const part = (c: unknown) => (isComposite(c) ? `(${describe(c, inScope)})` : describe(c, inScope));
  if (Array.isArray(node.all)) return joinWords(node.all.map(part), 'and');
  if (Array.isArray(node.any)) return joinWords(node.any.map(part), 'or');
  if ('not' in node) return `it is not the case that ${part(node.not)}`;
  if (typeof node.some === 'string') return `for at least one of ${path(node.some, inScope)}: ${describe(node.where, true)}`;
  if (typeof node.every === 'string') return `for every one of ${path(node.every, inScope)} (and there is at least one): ${describe(node.where, true)}`;
  if (typeof node.field === 'string') return leaf(node, inScope);
  return '(unrecognised condition)';
}

/** A path as a reader sees it: `$.x` inside a scope is the applicant's x; a relative path is the element's. */
function path(p: string, inScope: boolean): string {
  if (p.startsWith('$.')) return inScope ? `the applicant's ${p.slice(2)}` : p.slice(2);
  return inScope ? `its ${p}` : p;
}

const multi = (p: string) => /\[[^\]]*\]/.test(p);

function subject(node: Node, inScope: boolean): string {
  const p = node.field as string;
  const shown = path(p, inScope);
  if (!multi(p)) return shown;
  const min = typeof node.minMatches === 'number' && node.minMatches > 1 ? node.minMatches : undefined;
  if (min) return `at least ${min} of ${shown}`;
  return node.quantifier === 'all' ? `every one of ${shown}` : `one of ${shown}`;
}

function joinWords(items: string[], word: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

function literal(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
}

/** An operand: a literal, { field: path } or { list: id }. */
function operand(v: unknown, inScope: boolean): string {
  if (isObj(v) && typeof v.field === 'string') return path(v.field, inScope);
  if (isObj(v) && typeof v.list === 'string') return `an entry of the list '${v.list}'`;
  if (Array.isArray(v)) return v.length === 1 ? literal(v[0]) : `one of ${joinWords(v.map(literal), 'or')}`;
  return literal(v);
}

const AGE_WORDS: Record<string, string> = lookupTable({ lt: 'under', lte: 'at most', gt: 'over', gte: 'at least' });

function phrase(op: string, v: unknown, inScope: boolean): string {
  const o = isObj(v) ? v : {};
  switch (op) {
    case 'exists':
      return v ? 'is present' : 'is absent or empty';
    case 'equals':
      return `equals ${operand(v, inScope)}`;
    case 'notEquals':
      return `does not equal ${operand(v, inScope)}`;
    case 'in':
      return `is ${operand(v, inScope)}`;
    case 'notIn':
      return isObj(v) ? `is not ${operand(v, inScope)}` : `is none of ${joinWords((v as unknown[]).map(literal), 'or')}`;
    case 'contains':
      return `contains ${operand(v, inScope)}`;
    case 'startsWith':
      return `starts with ${operand(v, inScope)}`;
    case 'endsWith':
      return `ends with ${operand(v, inScope)}`;
    case 'regex':
      return `matches the regular expression /${String(v)}/`;
    case 'gt':
      return `is greater than ${operand(v, inScope)}`;
    case 'gte':
      return `is at least ${operand(v, inScope)}`;
    case 'lt':
      return `is less than ${operand(v, inScope)}`;
    case 'lte':
      return `is at most ${operand(v, inScope)}`;
    case 'before':
      return `is before ${operand(v, inScope)}`;
    case 'after':
      return `is after ${operand(v, inScope)}`;
    case 'within': {
      const dir = o.direction === 'after' ? 'after' : o.direction === 'before' ? 'before' : 'of';
      return `is within ${String(o.days)} day${o.days === 1 ? '' : 's'} ${dir} ${operand(o.of, inScope)}`;
    }
    case 'ageAt': {
      const cmp = Object.keys(o).find((k) => Object.hasOwn(AGE_WORDS, k));
      return cmp ? `is a birth date that makes the person ${AGE_WORDS[cmp]} ${String(o[cmp])} years old at ${operand(o.at, inScope)}` : 'is a birth date (age test unreadable)';
    }
    case 'cidr':
      return isObj(v) ? `is an IP address in a range on the list '${String(o.list)}'` : `is an IP address in ${joinWords((v as unknown[]).map(String), 'or')}`;
    case 'sameAs': {
      const refs = (Array.isArray(v) ? v : [v]).map((p) => path(String(p), inScope));
      return refs.length === 1 ? `is the same as ${refs[0]}` : `is the same as one of ${joinWords(refs, 'or')}`;
    }
    case 'differsFrom': {
      const refs = (Array.isArray(v) ? v : [v]).map((p) => path(String(p), inScope));
      return refs.length === 1 ? `differs from ${refs[0]}` : `differs from each of ${joinWords(refs, 'and')}`;
    }
    default:
      return `${op} ${literal(v)}`;
  }
}

function leaf(node: Node, inScope: boolean): string {
  const op = Object.keys(node).find((k) => !MODIFIERS.has(k));
  if (!op) return `${path(node.field as string, inScope)} (no operator)`;
  if (op === 'exists') {
    const shown = path(node.field as string, inScope);
    return node.exists ? `${shown} is present` : `${shown} is absent or empty`;
  }
  const as = typeof node.as === 'string' ? ` (compared ${COMPARED_AS[node.as as Comparator] ?? `as ${node.as}`})` : '';
  return `${subject(node, inScope)} ${phrase(op, node[op], inScope)}${as}`;
}
