import type { Finding } from '../model/finding.js';
import type { CompiledRule, EvidenceItem } from '../model/rule.js';

/** Evidence a pattern finding repeats from the findings it combines: enough to read, bounded. */
const MAX_PATTERN_EVIDENCE = 12;

/**
 * Pattern rules: a finding for each pattern whose combination of other rules' findings occurred
 * for this applicant. The finding names what it combines ("pattern: A + B"), repeats their
 * evidence, and is scored like any finding of its severity, so the score stays bounded and
 * monotone: corroboration that the advisories treat as strong reaches `high` visibly, through a
 * named rule, rather than through hidden weights.
 */
export function applyPatterns(findings: Finding[], rules: CompiledRule[]): Finding[] {
  const patterns = rules.filter((r) => r.pattern && r.spec.status !== 'deprecated');
  if (patterns.length === 0 || findings.length === 0) return [];
  const byId = new Map<string, Finding>();
  for (const f of findings) if (!byId.has(f.ruleId)) byId.set(f.ruleId, f);
  const fired = new Set(byId.keys());
  const out: Finding[] = [];
  for (const rule of patterns) {
    const hit = rule.pattern!.test(fired);
    if (!hit) continue;
    const parts = hit.map((id) => byId.get(id)!);
    const evidence: EvidenceItem[] = [];
    for (const p of parts)
      for (const e of p.evidence) if (evidence.length < MAX_PATTERN_EVIDENCE) evidence.push({ ...e, note: e.note ? `${p.ruleId}: ${e.note}` : p.ruleId });
    // Rule ids and titles only: no personal value, so masking keeps the message as it is.
    const message = `Pattern ${rule.spec.id}: ${parts.map((p) => p.title).join(' + ')}.`;
    out.push({
      ruleId: rule.spec.id,
      family: rule.spec.family,
      severity: rule.spec.severity,
      title: rule.spec.title,
      message,
      messageParts: [message],
      evidence,
      references: rule.spec.references,
      falsepositives: rule.spec.falsepositives,
      next: rule.spec.next,
      combines: hit,
    });
  }
  return out;
}
