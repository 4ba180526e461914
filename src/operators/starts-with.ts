import { LIST_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { textOp } from './text-match.js';

/** The text starts with a string, one of several, or a list entry. */
export const startsWith: PredicateOperator = {
  name: 'startsWith',
  ...textOp('startsWith'),
  describe: (v, w) => `starts with ${w.operand(v)}`,
  codes: [MALFORMED, LIST_REF],
  example: 'field: contact.phones[]\nstartsWith: "+850"\n',
};
