import type { Facts } from '../model/applicant.js';
import type { Finding } from '../model/finding.js';
import type { CompiledRule, EvidenceItem } from '../model/rule.js';
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
  const missing = new Map<Family, CompiledRule[]>();
  const total = new Map<Family, number>();
  const ran = new Set<Family>();
  const failures: Evaluation['failures'] = [];
  for (const rule of rules) {
    const { spec } = rule;
    total.set(spec.family, (total.get(spec.family) ?? 0) + 1);
    if (!rule.hasData(facts)) {
      missing.set(spec.family, [...(missing.get(spec.family) ?? []), rule]);
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
      evidence: distinctEvidence(evidence),
      references: spec.references,
      falsepositives: spec.falsepositives,
      next: spec.next,
    });
  }
  // One line per family: which input it lacked reads better than every rule that could not run.
  const notEvaluated: string[] = [];
  for (const family of FAMILIES) {
    const rules = missing.get(family);
    if (!rules) continue;
    const groups = [...new Set(rules.flatMap((r) => (r.requires.length ? r.requires : r.subjects).map(inputGroup)))];
    if (!ran.has(family)) notEvaluated.push(`${family}.*: no ${family} data (${groups.join(', ')})`);
    else notEvaluated.push(`${family}: ${rules.length} of ${total.get(family)} checks had no data (${groups.join(', ')})`);
  }
  return { findings, notEvaluated, failures };
}

/** Derived facts are named after the input they come from, so "no data" points at what to collect. */
const DERIVED_FROM: Record<string, string> = {
  phones: 'contact.phones', emails: 'contact.emails', employmentOverlaps: 'employment', ageAtApplication: 'dateOfBirth',
  sessions: 'network.sessions / interviews', observedCountries: 'network.sessions / interviews', payees: 'payroll',
};

function inputGroup(path: string): string {
  if (path.startsWith('name.')) return 'name';
  const parts = path.replace(/\[[^\]]*\]/g, '').split('.');
  if (parts[0] === 'derived') return DERIVED_FROM[parts[1] ?? ''] ?? `derived.${parts[1]}`;
  if (parts[0] === 'identity' || parts[0] === 'network' || parts[0] === 'contact' || parts[0] === 'claimedLocation') return parts.slice(0, 2).join('.');
  return parts[0]!;
}

/** Two leaves may test one value (an IP in a range, and present): show it once, with its note. */
function distinctEvidence(items: EvidenceItem[]): EvidenceItem[] {
  const seen = new Map<string, EvidenceItem>();
  for (const e of items) {
    const prev = seen.get(e.path);
    if (!prev) seen.set(e.path, e);
    else if (!prev.note && e.note) seen.set(e.path, e);
  }
  return seen.size === items.length ? items : [...seen.values()];
}
