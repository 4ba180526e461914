import { FIELD_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { equality } from './compare-operators.js';

/** Equal under the comparator (default text: case and accents ignored). */
export const equals: PredicateOperator = {
  name: 'equals',
  ...equality(false),
  describe: (v, w) => `equals ${w.operand(v)}`,
  codes: [MALFORMED, FIELD_REF],
  example: 'field: payroll.bank.country\nequals: { field: claimedLocation.country }\nas: country\n',
};
