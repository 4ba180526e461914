import { FIELD_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { numeric } from './numeric.js';

/** A number less than a number or another field. */
export const lt: PredicateOperator = {
  name: 'lt',
  ...numeric((a, b) => a < b, 'less than'),
  describe: (v, w) => `is less than ${w.operand(v)}`,
  codes: [MALFORMED, FIELD_REF],
  example: 'field: profiles[].connections\nlt: 10\n',
};
