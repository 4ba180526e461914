import { FIELD_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { numeric } from './numeric.js';

/** A number at least a number or another field. */
export const gte: PredicateOperator = {
  name: 'gte',
  ...numeric((a, b) => a >= b, 'at least'),
  describe: (v, w) => `is at least ${w.operand(v)}`,
  codes: [MALFORMED, FIELD_REF],
  example: 'field: derived.employmentOverlaps[].overlapDays\ngte: 180\n',
};
