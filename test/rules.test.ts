import { describe, expect, test } from 'vitest';
import { loadRuleSet } from '../src/ruleset/load.js';
import { runCases } from '../src/cli/rules/run-cases.js';

// Every built-in rule's own cases, one vitest test per case (named `rule-id › case`), like
// ESLint's RuleTester. A rule without both kinds of case fails the suite.
const ruleSet = loadRuleSet();

describe('built-in rules', () => {
  test('load without problems and there is at least one rule per family', () => {
    const families = new Set(ruleSet.rules.map((r) => r.spec.family));
    expect(ruleSet.warnings).toEqual([]);
    // Quality warnings (no references, missing cases…) do not stop a check, but the built-in pack has none.
    expect(ruleSet.lint).toEqual([]);
    expect([...families].sort()).toEqual(['affiliation', 'identity', 'linkage', 'network', 'payroll']);
  });

  for (const rule of ruleSet.rules) {
    describe(rule.spec.id, () => {
      test('has must-match and must-not-match cases', () => {
        expect(rule.spec.cases.match.length).toBeGreaterThan(0);
        expect(rule.spec.cases.nomatch.length).toBeGreaterThan(0);
      });
      for (const result of runCases(rule, undefined, ruleSet.rules)) {
        test(`${result.kind} › ${result.name}`, () => {
          expect(result.problem).toBeUndefined();
          expect(result.passed).toBe(true);
        });
      }
    });
  }
});
