import { FIELD_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { numeric } from './numeric.js';

/** A number at most a number or another field. */
export const lte: PredicateOperator = {
  name: 'lte',
  ...numeric((a, b) => a <= b, 'at most'),
  describe: (v, w) => `is at most ${w.operand(v)}`,
  codes: [MALFORMED, FIELD_REF],
  example: 'field: derived.ageAtApplication\nlte: 18\n',
};
