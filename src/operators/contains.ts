import { LIST_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { textOp } from './text-match.js';

/** The text contains a string, one of several, or a list entry (whole words unless as: exact). */
export const contains: PredicateOperator = {
  name: 'contains',
  ...textOp('contains'),
  describe: (v, w) => `contains ${w.operand(v)}`,
  codes: [MALFORMED, LIST_REF],
  example: 'field: network.remoteAccessTools[]\ncontains: [anydesk, pikvm, tinypilot]\n',
};
