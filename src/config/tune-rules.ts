import { createHash } from 'node:crypto';
import type { Diagnostic } from '../model/diagnostic.js';
import type { CompiledException } from '../model/exception.js';
import type { Severity } from '../model/levels.js';
import type { CompiledRule } from '../model/rule.js';
import { didYouMean } from '../ruleset/suggest-id.js';
import type { RuleSet } from '../ruleset/load.js';
import { matchesPattern, selectIds } from '../ruleset/rule-pattern.js';
import { diagnosticAt } from '../yaml/yaml-source.js';
import type { DprkConfig } from './config.js';
import { compileExceptions } from './compile-exceptions.js';
import { plural } from '../util/plural.js';

export interface TunedRules {
  /** The rules to run: not disabled, severities overridden. Deprecated ones are still here. */
  rules: CompiledRule[];
  disabled: Array<{ id: string; by: string }>;
  overridden: Array<{ id: string; from: Severity; to: Severity; by: string }>;
  exceptions: CompiledException[];
  /** The rule-set version, extended with a hash of the configuration when there is one. */
  version: string;
  /** Errors (the configuration cannot be applied) and warnings (it can, but look at this). */
  diagnostics: Diagnostic[];
}

/**
 * Apply a configuration to a loaded rule set: disable, override severities, compile exceptions.
 * Also turns the rule set's lint findings into one summary line, so `check` stays quiet but honest.
 * Pure: the loaded rules are not changed.
 */
export function tuneRuleSet(ruleSet: RuleSet, config?: DprkConfig): TunedRules {
  const diagnostics: Diagnostic[] = [];
  if (ruleSet.lint.length) {
    const n = ruleSet.lint.length;
    diagnostics.push({
      code: 'rule-quality',
      severity: 'warning',
      message: `${plural(n, 'rule-quality warning')} in the loaded rule packs (first: ${ruleSet.lint[0]!.file}: ${ruleSet.lint[0]!.message}); the rules still run`,
      hint: 'run `dprk-check rules validate` to see them all',
    });
  }
  if (!config) return { rules: ruleSet.rules, disabled: [], overridden: [], exceptions: [], version: ruleSet.version, diagnostics };

  const ids = ruleSet.rules.map((r) => r.spec.id);
  const unused = (keys: Array<string | number>, pattern: string, what: string) => {
    const family = /^[a-z]+$/.test(pattern) ? `${pattern}.*` : undefined;
    const guess = family && ids.some((id) => matchesPattern(family, id)) ? `did you mean '${family}'?` : didYouMean(pattern, ids);
    diagnostics.push(
      diagnosticAt(config.src, keys, 'config-unused', `${what} '${pattern}' matches no loaded rule`, {
        severity: 'warning',
        hint: guess ?? 'see `dprk-check rules list` for the ids',
      }),
    );
  };

  const disabled: TunedRules['disabled'] = [];
  config.disable.forEach((pattern, i) => {
    const hit = selectIds(pattern, ids);
    if (hit.length === 0) unused(['disable', i], pattern, 'disable pattern');
    for (const id of hit) if (!disabled.some((d) => d.id === id)) disabled.push({ id, by: pattern });
  });

  const overridden: TunedRules['overridden'] = [];
  const patterns = Object.entries(config.severity);
  for (const [pattern] of patterns) if (selectIds(pattern, ids).length === 0) unused(['severity', pattern], pattern, 'severity pattern');
  const rules: CompiledRule[] = [];
  for (const rule of ruleSet.rules) {
    if (disabled.some((d) => d.id === rule.spec.id)) continue;
    // An exact id wins over a pattern; among patterns, the last one written wins.
    const exact = patterns.find(([p]) => p === rule.spec.id);
    const match = exact ?? patterns.filter(([p]) => matchesPattern(p, rule.spec.id)).pop();
    if (!match || match[1] === rule.spec.severity) {
      rules.push(rule);
      continue;
    }
    overridden.push({ id: rule.spec.id, from: rule.spec.severity, to: match[1], by: match[0] });
    rules.push({ ...rule, spec: { ...rule.spec, severity: match[1] } });
  }

  if (ruleSet.rules.length > 0 && rules.length === 0) {
    diagnostics.push({
      // An error, not a warning: a run with no rule would pass every applicant as 'none', and a CI
      // job reading the exit code would take that for a clean export.
      code: 'config-disables-all',
      severity: 'error',
      file: config.shown,
      message: `THE CONFIGURATION DISABLES EVERY RULE (${disabled.length} of ${ruleSet.rules.length}, by disable: ${config.disable.join(', ')}): nothing could be flagged, so nothing is checked`,
      hint: 'disable only the rules you mean to (e.g. network.* rather than *); `dprk-check --print-config` shows what each pattern selects',
    });
  }

  const compiled = compileExceptions(config, ruleSet);
  diagnostics.push(...compiled.diagnostics);
  // Only what changes results marks the version (list entries are already in the rule-set hash).
  const changes = config.disable.length || Object.keys(config.severity).length || config.exceptions.length;
  const hash = createHash('sha256')
    .update(JSON.stringify([config.disable, config.severity, config.exceptions.map((e) => [e.id, e.rule, e.when])]))
    .digest('hex')
    .slice(0, 6);
  const version = changes ? `${ruleSet.version}+config.${hash}` : ruleSet.version;
  return { rules, disabled, overridden, exceptions: compiled.exceptions, version, diagnostics };
}
