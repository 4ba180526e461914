import type { Facts } from '../model/applicant.js';
import type { Finding } from '../model/finding.js';
import type { CompiledRule } from '../model/rule.js';
import { FAMILIES, type Family } from '../model/levels.js';
import { joinMessage } from '../ruleset/message-template.js';

export interface Evaluation {
  findings: Finding[];
  notEvaluated: string[];
  /** A rule that threw: the record could not be fully checked. */
  failures: Array<{ ruleId: string; message: string }>;
}

/** Rules that should run: deprecated ones stay loadable (for docs and ids) but never fire. */
export function activeRules(rules: CompiledRule[]): CompiledRule[] {
  return rules.filter((r) => r.spec.status !== 'deprecated');
}

/** The evaluate stage: run every compiled rule on one applicant's facts. Pure. */
export function evaluate(facts: Facts, rules: CompiledRule[]): Evaluation {
  const findings: Finding[] = [];
  const missing = new Map<Family, string[]>();
  const ran = new Set<Family>();
  const failures: Evaluation['failures'] = [];
  for (const rule of rules) {
    const { spec } = rule;
    if (!rule.hasData(facts)) {
      const list = missing.get(spec.family) ?? [];
      list.push(`${spec.id}: no data (${(rule.requires.length ? rule.requires : rule.fields).slice(0, 4).join(', ')})`);
      missing.set(spec.family, list);
      continue;
    }
    ran.add(spec.family);
    let evidence;
    try {
      evidence = rule.evaluate(facts);
    } catch (e) {
      failures.push({ ruleId: spec.id, message: `rule ${spec.id} (${rule.source.file}:${rule.source.line}) failed: ${(e as Error).message}` });
      continue;
    }
    if (!evidence) continue;
    const parts = rule.render(facts, evidence);
    findings.push({
      ruleId: spec.id,
      family: spec.family,
      severity: spec.severity,
      title: spec.title,
      message: parts && joinMessage(parts),
      ...(parts ? { messageParts: parts } : {}),
      evidence,
      references: spec.references,
      falsepositives: spec.falsepositives,
      next: spec.next,
    });
  }
  // A family with no data at all reads better as one line than as every rule in it.
  const notEvaluated: string[] = [];
  for (const family of FAMILIES) {
    const list = missing.get(family);
    if (!list) continue;
    if (!ran.has(family)) notEvaluated.push(`${family}.*: no ${family} data`);
    else notEvaluated.push(...list);
  }
  return { findings, notEvaluated, failures };
}
