import type { Facts } from '../model/applicant.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { CompiledException } from '../model/exception.js';
import { compileCondition } from '../compile/compile-condition.js';
import { didYouMean } from '../ruleset/suggest-id.js';
import { ruleFieldSchema, type RuleSet } from '../ruleset/load.js';
import { selectIds } from '../ruleset/rule-pattern.js';
import { diagnosticAt } from '../yaml/yaml-source.js';
import type { DprkConfig } from './config.js';

/**
 * Exceptions use the rules' own condition language and compiler, so they get the same field
 * checks, list references, regex screening and positioned errors, and are never code.
 */
export function compileExceptions(config: DprkConfig, ruleSet: RuleSet): { exceptions: CompiledException[]; diagnostics: Diagnostic[] } {
  const ids = ruleSet.rules.map((r) => r.spec.id);
  const schemaRoot = ruleFieldSchema();
  const exceptions: CompiledException[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const spec of config.exceptions) {
    const base = ['exceptions', spec.index];
    const errorsBefore = diagnostics.length;
    const condition = compileCondition(
      spec.when,
      [...base, 'when'],
      {
        schemaRoot,
        lists: ruleSet.lists,
        fields: new Set(),
        fail: (keys, message, hint) => diagnostics.push(diagnosticAt(config.src, keys, 'config-invalid', `exception '${spec.id}': ${message}`, { hint })),
      },
      { schema: schemaRoot, pattern: '' },
    );
    const ruleIds = new Set<string>();
    spec.rule.forEach((pattern, i) => {
      const hit = selectIds(pattern, ids);
      hit.forEach((id) => ruleIds.add(id));
      if (hit.length === 0) {
        const guess = didYouMean(pattern, ids);
        const keys = Array.isArray((config.src.value as { exceptions: Array<{ rule: unknown }> }).exceptions[spec.index]!.rule)
          ? [...base, 'rule', i]
          : [...base, 'rule'];
        diagnostics.push(
          diagnosticAt(config.src, keys, 'config-unused', `exception '${spec.id}': rule pattern '${pattern}' matches no loaded rule`, {
            severity: 'warning',
            hint: guess ?? 'see `dprk-check rules list` for the ids',
          }),
        );
      }
    });
    if (!condition || diagnostics.slice(errorsBefore).some((d) => d.severity === 'error')) continue;
    exceptions.push({
      id: spec.id,
      reason: spec.reason,
      ruleIds,
      patterns: spec.rule,
      source: spec.source,
      matches: (facts: Facts) => condition(facts, facts, '') !== null,
    });
  }
  return { exceptions, diagnostics };
}
