import { FIELD_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { dateOrder } from './date-order.js';

/** A date (ISO 8601) before a date or another field. */
export const before: PredicateOperator = {
  name: 'before',
  ...dateOrder(true),
  describe: (v, w) => `is before ${w.operand(v)}`,
  codes: [MALFORMED, FIELD_REF],
  example: 'field: education[].end\nbefore: "1990-01-01"\n',
};
