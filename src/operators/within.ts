import { daysBetween, parseDate } from '../util/dates.js';
import { isObj } from '../util/is-object.js';
import { NO } from '../runtime/verdict.js';
import { isDateLiteral } from './date-order.js';
import { FIELD_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { operandValues, show } from './operand.js';
import { plural } from '../util/plural.js';

/** A date within N days of another (a date or { field: path }); direction after | before | either. */
export const within: PredicateOperator = {
  name: 'within',
  build(operand, env) {
    const o = operand as { days?: unknown; of?: unknown; direction?: unknown };
    if (typeof operand !== 'object' || operand === null || typeof o.days !== 'number' || o.days < 0 || o.of === undefined) {
      env.fail('expected { days: <number>, of: <date or { field: path }>, direction: after | before | either }');
      return undefined;
    }
    const extra = Object.keys(operand).filter((k) => !['days', 'of', 'direction'].includes(k));
    if (extra.length) env.fail(`unknown key '${extra[0]}' in within`, [extra[0]!], 'within takes days, of and direction');
    const direction = o.direction ?? 'either';
    if (!['after', 'before', 'either'].includes(direction as string)) {
      env.fail(`direction must be after, before or either, got ${show(direction)}`, ['direction']);
      return undefined;
    }
    const days = o.days;
    const values = operandValues(
      o.of,
      { ...env, fail: (m, k = [], h, c) => env.fail(m, ['of', ...k], h, c), ref: (p, k) => env.ref(p, ['of', ...k]) },
      isDateLiteral,
      'an ISO date',
    );
    if (!values) return undefined;
    return (value, root, scope, scopePath) => {
      const d = parseDate(value);
      if (d === undefined) return NO;
      for (const t of values(root, scope, scopePath)) {
        const ref = parseDate(t.value);
        if (ref === undefined) continue;
        const diff = daysBetween(ref, d);
        const ok = direction === 'after' ? diff >= 0 && diff <= days : direction === 'before' ? diff <= 0 && -diff <= days : Math.abs(diff) <= days;
        if (ok) {
          const n = Math.round(Math.abs(diff));
          const rel = diff >= 0 ? 'after' : 'before';
          return { ok: true, note: `${plural(n, 'day')} ${rel} ${t.path ? `${t.path} = ` : ''}${show(t.value)}` };
        }
      }
      return NO;
    };
  },
  describe: (v, w) => {
    const o = isObj(v) ? v : {};
    const dir = o.direction === 'after' ? 'after' : o.direction === 'before' ? 'before' : 'of';
    return `is within ${String(o.days)} day${o.days === 1 ? '' : 's'} ${dir} ${w.operand(o.of)}`;
  },
  codes: [MALFORMED, FIELD_REF],
  example: 'field: payroll.changes[].at\nwithin: { days: 30, of: { field: payroll.startDate }, direction: after }\n',
};
