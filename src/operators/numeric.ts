import { NO } from '../runtime/verdict.js';
import { operandValues, type OperatorDef } from './operand.js';

/** The closure factory of gt, gte, lt and lte: a number against a number or { field: path }. */
export function numeric(cmp: (a: number, b: number) => boolean, word: string): OperatorDef {
  return {
    build(operand, env) {
      const values = operandValues(operand, env, (v) => typeof v === 'number', 'a number');
      if (!values) return undefined;
      return (value, root, scope, scopePath) => {
        if (typeof value !== 'number') return NO;
        for (const t of values(root, scope, scopePath)) {
          if (typeof t.value === 'number' && cmp(value, t.value)) return { ok: true, note: `${word} ${t.path ? `${t.path} = ` : ''}${t.value}` };
        }
        return NO;
      };
    },
  };
}
