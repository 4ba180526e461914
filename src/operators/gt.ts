import { FIELD_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { numeric } from './numeric.js';

/** A number greater than a number or another field. */
export const gt: PredicateOperator = {
  name: 'gt',
  ...numeric((a, b) => a > b, 'greater than'),
  describe: (v, w) => `is greater than ${w.operand(v)}`,
  codes: [MALFORMED, FIELD_REF],
  example: 'field: profiles[].followers\ngt: 1000\n',
};
