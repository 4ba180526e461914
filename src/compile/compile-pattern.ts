import type { CompiledPattern, PatternExpr } from '../model/rule.js';

export interface PatternProblem {
  keys: Array<string | number>;
  message: string;
}

import { isObj } from '../util/is-object.js';

/**
 * Compile a pattern (rule ids combined by all / any / atLeast-of) into a test over the set of rule
 * ids that fired for one applicant. Which ids exist is checked later, against the whole loaded set
 * (checkPatternIds), because a pattern may name a rule in another file or pack.
 */
export function compilePattern(
  expr: unknown,
  keys: Array<string | number>,
  problems: PatternProblem[],
  ids: Array<{ id: string; keys: Array<string | number> }>,
): ((fired: ReadonlySet<string>) => string[] | null) | undefined {
  if (typeof expr === 'string') {
    ids.push({ id: expr, keys });
    return (fired) => (fired.has(expr) ? [expr] : null);
  }
  if (!isObj(expr)) {
    problems.push({ keys, message: 'a pattern is a rule id, or { all: [...] }, { any: [...] } or { atLeast: n, of: [...] }' });
    return undefined;
  }
  const listKey = 'all' in expr ? 'all' : 'any' in expr ? 'any' : 'of' in expr ? 'of' : undefined;
  const extra = Object.keys(expr).filter((k) => k !== listKey && !(listKey === 'of' && k === 'atLeast'));
  if (!listKey || extra.length) {
    problems.push({
      keys,
      message: `unknown pattern key${extra.length > 1 ? 's' : ''} ${extra.map((k) => `'${k}'`).join(', ') || '(none)'}: use all, any, or atLeast with of`,
    });
    return undefined;
  }
  const items = expr[listKey];
  if (!Array.isArray(items) || items.length === 0) {
    problems.push({ keys: [...keys, listKey], message: `${listKey}: needs a non-empty list of rule ids or sub-patterns` });
    return undefined;
  }
  const parts = items.map((item, i) => compilePattern(item, [...keys, listKey, i], problems, ids));
  if (parts.some((p) => !p)) return undefined;
  const tests = parts as Array<(fired: ReadonlySet<string>) => string[] | null>;
  if (listKey === 'all') {
    return (fired) => {
      const out: string[] = [];
      for (const t of tests) {
        const r = t(fired);
        if (!r) return null;
        out.push(...r);
      }
      return [...new Set(out)];
    };
  }
  let need = 1;
  if (listKey === 'of') {
    const n = expr.atLeast;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > items.length) {
      problems.push({ keys: [...keys, 'atLeast'], message: `atLeast must be a whole number from 1 to ${items.length} (the length of of:)` });
      return undefined;
    }
    need = n;
  }
  // any / atLeast: every part that holds is named (the report shows all that corroborate).
  return (fired) => {
    const out: string[] = [];
    let held = 0;
    for (const t of tests) {
      const r = t(fired);
      if (!r) continue;
      held++;
      out.push(...r);
    }
    return held >= need ? [...new Set(out)] : null;
  };
}

/** Build the compiled pattern, or report its problems. */
export function buildPattern(
  expr: PatternExpr,
  problems: PatternProblem[],
): { pattern?: CompiledPattern; ids: Array<{ id: string; keys: Array<string | number> }> } {
  const ids: Array<{ id: string; keys: Array<string | number> }> = [];
  const test = compilePattern(expr, ['pattern'], problems, ids);
  if (!test) return { ids };
  return { pattern: { ruleIds: [...new Set(ids.map((i) => i.id))], test }, ids };
}
