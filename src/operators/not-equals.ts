import { FIELD_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { equality } from './compare-operators.js';

/** Comparable and not equal. */
export const notEquals: PredicateOperator = {
  name: 'notEquals',
  ...equality(true),
  describe: (v, w) => `does not equal ${w.operand(v)}`,
  codes: [MALFORMED, FIELD_REF],
  example: 'field: identity.documents[].verificationMethod\nnotEquals: in_person\n',
};
