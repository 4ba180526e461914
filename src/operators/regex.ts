import { compileRuleRegex } from '../runtime/regex-safety.js';
import { NO } from '../runtime/verdict.js';
import { MALFORMED, type PredicateOperator } from './descriptor.js';

/**
 * A JavaScript regular expression, case-insensitive unless as: exact, matched in linear time
 * (runtime/regex-safety.ts).
 */
export const regex: PredicateOperator = {
  name: 'regex',
  build(operand, env) {
    if (typeof operand !== 'string' || operand.length === 0) {
      env.fail('expected a regular expression as a string');
      return undefined;
    }
    // One policy for rules and exceptions: JS syntax, matched in linear time (regex-safety.ts).
    const re = compileRuleRegex(operand, { ignoreCase: env.comparator !== 'exact' });
    if (!re.ok) {
      // An over-long pattern is quoted by its start only: the message names it, the file:line places it.
      const shown = operand.length > 80 ? `${operand.slice(0, 60)}… (${operand.length} characters)` : operand;
      if (re.kind === 'invalid') env.fail(`invalid regex /${shown}/: ${re.reason}`, [], undefined, 'rule-invalid-regex');
      else
        env.fail(
          `unsafe regex /${shown}/: ${re.reason}`,
          [],
          'rewrite it without backreferences or lookaround, with smaller repetition bounds, or use contains / startsWith / in',
          'rule-unsafe-regex',
        );
      return undefined;
    }
    const note = `matches /${operand}/`;
    return (value) => (typeof value === 'string' && re.test(value) ? { ok: true, note } : NO);
  },
  describe: (v) => `matches the regular expression /${String(v)}/`,
  codes: [MALFORMED, 'rule-invalid-regex', 'rule-unsafe-regex'],
  example: 'field: derived.emails[].local\nregex: "^[a-z]+[0-9]{4}$"\n',
};
