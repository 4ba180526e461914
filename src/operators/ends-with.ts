import { LIST_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { textOp } from './text-match.js';

/** The text ends with a string, one of several, or a list entry. */
export const endsWith: PredicateOperator = {
  name: 'endsWith',
  ...textOp('endsWith'),
  describe: (v, w) => `ends with ${w.operand(v)}`,
  codes: [MALFORMED, LIST_REF],
  example: 'field: contact.emails[]\nendsWith: ["@protonmail.com", "@proton.me"]\n',
};
