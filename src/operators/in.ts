import { LIST_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { membership } from './compare-operators.js';

/** One of the listed values, or an entry of a named list. */
export const inList: PredicateOperator = {
  name: 'in',
  ...membership(false),
  describe: (v, w) => `is ${w.operand(v)}`,
  codes: [MALFORMED, LIST_REF],
  example: 'field: payroll.method\nin: [crypto, payment_platform]\n',
};
