import { parseDate } from '../util/dates.js';
import { NO } from '../runtime/verdict.js';
import { operandValues, show, type OperatorDef } from './operand.js';

export const isDateLiteral = (v: unknown) => typeof v === 'string' && parseDate(v) !== undefined;

/** The closure factory of before and after: a date against a date or { field: path }. */
export function dateOrder(before: boolean): OperatorDef {
  return {
    build(operand, env) {
      const values = operandValues(operand, env, isDateLiteral, 'an ISO date');
      if (!values) return undefined;
      return (value, root, scope, scopePath) => {
        const d = parseDate(value);
        if (d === undefined) return NO;
        for (const t of values(root, scope, scopePath)) {
          const o = parseDate(t.value);
          if (o !== undefined && (before ? d < o : d > o)) {
            return { ok: true, note: `${before ? 'before' : 'after'} ${t.path ? `${t.path} = ` : ''}${show(t.value)}` };
          }
        }
        return NO;
      };
    },
  };
}
