import type { Comparator } from '../model/rule.js';
import { isObj } from '../util/is-object.js';
import { lookupTable } from '../util/lookup-table.js';

/**
 * How a condition's parts read in English (for `rules show` and reviewers who do not read YAML):
 * the helpers each operator's `describe` uses, bound to whether the leaf sits inside a some/every
 * scope (where `$.x` is the applicant's x and a relative path is the element's).
 */
export interface Words {
  /** A path as a reader sees it. */
  path: (p: string) => string;
  /** An operand: a literal, { field: path } or { list: id }. */
  operand: (v: unknown) => string;
  literal: (v: unknown) => string;
  join: (items: string[], word: 'and' | 'or') => string;
}

export function wordsFor(inScope: boolean): Words {
  const path = (p: string) => pathWords(p, inScope);
  return {
    path,
    literal,
    join: joinWords,
    operand: (v) => {
      if (isObj(v) && typeof v.field === 'string') return path(v.field);
      if (isObj(v) && typeof v.list === 'string') return `an entry of the list '${v.list}'`;
      if (Array.isArray(v)) return v.length === 1 ? literal(v[0]) : `one of ${joinWords(v.map(literal), 'or')}`;
      return literal(v);
    },
  };
}

function pathWords(p: string, inScope: boolean): string {
  if (p.startsWith('$.')) return inScope ? `the applicant's ${p.slice(2)}` : p.slice(2);
  return inScope ? `its ${p}` : p;
}

export function joinWords(items: string[], word: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

export function literal(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
}

// Partial: a comparator added to the engine reads as 'as <name>' until it gets its own words.
export const COMPARED_AS: Partial<Record<Comparator, string>> = lookupTable({
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
