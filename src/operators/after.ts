import { FIELD_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { dateOrder } from './date-order.js';

/** A date (ISO 8601) after a date or another field. */
export const after: PredicateOperator = {
  name: 'after',
  ...dateOrder(false),
  describe: (v, w) => `is after ${w.operand(v)}`,
  codes: [MALFORMED, FIELD_REF],
  example: 'field: profiles[].createdAt\nafter: { field: appliedAt }\n',
};
