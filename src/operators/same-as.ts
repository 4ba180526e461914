import { FIELD_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { fieldComparison } from './compare-operators.js';

/** The same as the value at another path (or at one of several paths). */
export const sameAs: PredicateOperator = {
  name: 'sameAs',
  ...fieldComparison(false),
  describe: (v, w) => {
    const refs = (Array.isArray(v) ? v : [v]).map((p) => w.path(String(p)));
    return refs.length === 1 ? `is the same as ${refs[0]}` : `is the same as one of ${w.join(refs, 'or')}`;
  },
  codes: [MALFORMED, FIELD_REF],
  example: 'some: references[]\nwhere:\n  field: email\n  sameAs: "$.contact.emails[]"\n  as: email\n',
};
