import { FIELD_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { fieldComparison } from './compare-operators.js';

/** Comparable with, and different from, every value at the other paths. */
export const differsFrom: PredicateOperator = {
  name: 'differsFrom',
  ...fieldComparison(true),
  describe: (v, w) => {
    const refs = (Array.isArray(v) ? v : [v]).map((p) => w.path(String(p)));
    return refs.length === 1 ? `differs from ${refs[0]}` : `differs from each of ${w.join(refs, 'and')}`;
  },
  codes: [MALFORMED, FIELD_REF],
  example: 'field: payroll.bank.holderName\ndiffersFrom: ["name.full", "name.aliases[]"]\nas: name\n',
};
