import type { Facts } from '../model/applicant.js';
import type { ExplainedFinding, Finding } from '../model/finding.js';
import type { CompiledRule } from '../model/rule.js';

const BY_ID = new WeakMap<CompiledRule[], Map<string, CompiledRule>>();

function rulesById(rules: CompiledRule[]): Map<string, CompiledRule> {
  let m = BY_ID.get(rules);
  if (!m || m.size > rules.length) {
    m = new Map(rules.map((r) => [r.spec.id, r]));
    BY_ID.set(rules, m);
  }
  return m;
}

/**
 * Findings a declaration in the record explains (a rule's explainedBy: declared travel covering
 * the countries seen, a declared night shift, an employer of record as payee, a recent move). They
 * leave the scored findings and are kept, with what explains them, for the report: visible, never
 * silent, and never a reason on their own to stop looking (the declaration is the applicant's word).
 */
export function applyExplanations(facts: Facts, findings: Finding[], rules: CompiledRule[]): { findings: Finding[]; explained: ExplainedFinding[] } {
  const byId = rulesById(rules);
  let kept: Finding[] | undefined;
  const explained: ExplainedFinding[] = [];
  findings.forEach((f, i) => {
    const by = byId.get(f.ruleId)?.explainedBy?.find((e) => e.holds(facts));
    if (!by) {
      kept?.push(f);
      return;
    }
    kept ??= findings.slice(0, i);
    explained.push({ ruleId: f.ruleId, title: f.title, severity: f.severity, family: f.family, because: by.because });
  });
  return { findings: kept ?? findings, explained };
}
