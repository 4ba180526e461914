import { ageInYears, parseDate } from '../util/dates.js';
import { isObj } from '../util/is-object.js';
import { lookupTable } from '../util/lookup-table.js';
import { NO } from '../runtime/verdict.js';
import { isDateLiteral } from './date-order.js';
import { FIELD_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { operandValues, show } from './operand.js';

const AGE_CMP: Record<string, (a: number, b: number) => boolean> = lookupTable({
  lt: (a, b) => a < b,
  lte: (a, b) => a <= b,
  gt: (a, b) => a > b,
  gte: (a, b) => a >= b,
});

const AGE_WORDS: Record<string, string> = lookupTable({ lt: 'under', lte: 'at most', gt: 'over', gte: 'at least' });

/** A birth date that gives an age under/over N years at a date (or { field: path }). */
export const ageAt: PredicateOperator = {
  name: 'ageAt',
  build(operand, env) {
    const o = operand as Record<string, unknown>;
    if (typeof operand !== 'object' || operand === null || o.at === undefined) {
      env.fail('expected { at: <date or { field: path }>, lt | lte | gt | gte: <years> }');
      return undefined;
    }
    const cmps = Object.keys(o).filter((k) => k !== 'at');
    const bad = cmps.find((k) => !Object.hasOwn(AGE_CMP, k) || typeof o[k] !== 'number');
    if (bad || cmps.length !== 1) {
      env.fail('ageAt needs exactly one of lt, lte, gt, gte with a number of years', bad ? [bad] : []);
      return undefined;
    }
    const cmpName = cmps[0]!;
    const cmp = AGE_CMP[cmpName]!;
    const years = o[cmpName] as number;
    const values = operandValues(
      o.at,
      { ...env, fail: (m, k = [], h, c) => env.fail(m, ['at', ...k], h, c), ref: (p, k) => env.ref(p, ['at', ...k]) },
      isDateLiteral,
      'an ISO date',
    );
    if (!values) return undefined;
    return (value, root, scope, scopePath) => {
      const birth = parseDate(value);
      if (birth === undefined) return NO;
      for (const t of values(root, scope, scopePath)) {
        const at = parseDate(t.value);
        if (at === undefined) continue;
        const age = ageInYears(birth, at);
        if (cmp(age, years)) return { ok: true, note: `age ${age} at ${t.path ? `${t.path} = ` : ''}${show(t.value)}` };
      }
      return NO;
    };
  },
  describe: (v, w) => {
    const o = isObj(v) ? v : {};
    const cmp = Object.keys(o).find((k) => Object.hasOwn(AGE_WORDS, k));
    return cmp
      ? `is a birth date that makes the person ${AGE_WORDS[cmp]} ${String(o[cmp])} years old at ${w.operand(o.at)}`
      : 'is a birth date (age test unreadable)';
  },
  codes: [MALFORMED, FIELD_REF],
  example: 'field: dateOfBirth\nageAt: { at: { field: appliedAt }, lt: 18 }\n',
};
