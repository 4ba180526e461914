import type { Finding } from '../model/finding.js';
import type { ApplicantResult } from '../model/report.js';
import { SEVERITIES, type Severity } from '../model/levels.js';

/** Higher is worse: critical 4 … info 0. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Findings worst first; ties keep rule order. */
export function bySeverity(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

export function topFinding(a: ApplicantResult): Finding | undefined {
  return bySeverity(a.findings)[0];
}

/** Unique rule ids in the order they fired. */
export function ruleIds(a: ApplicantResult): string[] {
  return [...new Set(a.findings.map((f) => f.ruleId))];
}
