import { LIST_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { membership } from './compare-operators.js';
import { isObj } from '../util/is-object.js';

/** Comparable, and none of the values (or of a list's entries). */
export const notIn: PredicateOperator = {
  name: 'notIn',
  ...membership(true),
  describe: (v, w) => (isObj(v) ? `is not ${w.operand(v)}` : `is none of ${w.join((v as unknown[]).map(w.literal), 'or')}`),
  codes: [MALFORMED, LIST_REF],
  example: 'field: employment[].type\nnotIn: [full_time, part_time]\n',
};
