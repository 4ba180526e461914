import { lookupTable } from '../util/lookup-table.js';
import type { OperatorDescriptor } from './descriptor.js';
import { exists } from './exists.js';
import { equals } from './equals.js';
import { notEquals } from './not-equals.js';
import { inList } from './in.js';
import { notIn } from './not-in.js';
import { contains } from './contains.js';
import { startsWith } from './starts-with.js';
import { endsWith } from './ends-with.js';
import { regex } from './regex.js';
import { gt } from './gt.js';
import { gte } from './gte.js';
import { lt } from './lt.js';
import { lte } from './lte.js';
import { before } from './before.js';
import { after } from './after.js';
import { within } from './within.js';
import { ageAt } from './age-at.js';
import { cidr } from './cidr.js';
import { sameAs } from './same-as.js';
import { differsFrom } from './differs-from.js';

export type { Verdict } from '../runtime/verdict.js';
export type { OperatorDef, OperatorEnv, Predicate, RefResolver } from './operand.js';
export type { OperatorDescriptor } from './descriptor.js';

/**
 * Every operator a leaf may use, one descriptor each (operators/<name>.ts), in the order error
 * hints list them. A null-prototype table: operator names come from rule files, and
 * `OPERATORS.constructor` must be "unknown operator", not Object's constructor.
 */
export const OPERATORS: Record<string, OperatorDescriptor> = lookupTable(
  Object.fromEntries(
    [
      exists,
      equals,
      notEquals,
      inList,
      notIn,
      contains,
      startsWith,
      endsWith,
      regex,
      gt,
      gte,
      lt,
      lte,
      before,
      after,
      within,
      ageAt,
      cidr,
      sameAs,
      differsFrom,
    ].map((d) => [d.name, d]),
  ),
);

export const OPERATOR_NAMES = Object.keys(OPERATORS);

/** The keys of a leaf besides its one operator; the compiler and the words both read this set. */
export const LEAF_MODIFIERS: ReadonlySet<string> = new Set(['field', 'as', 'quantifier', 'minMatches']);
