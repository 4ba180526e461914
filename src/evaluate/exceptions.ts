import type { Facts } from '../model/applicant.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { CompiledException, Suppression } from '../model/exception.js';
import type { Finding } from '../model/finding.js';
import type { ApplicantList } from '../model/report.js';
import { plural } from '../util/plural.js';

/**
 * Remove the findings an exception covers for this applicant. Runs after evaluate and before
 * score, so a suppressed finding does not count; it is returned so the report can show it.
 * Each exception's condition is tested at most once per applicant, and only if it covers a finding.
 */
export function applyExceptions(facts: Facts, findings: Finding[], exceptions: CompiledException[]): { findings: Finding[]; suppressed: Suppression[] } {
  if (exceptions.length === 0 || findings.length === 0) return { findings, suppressed: [] };
  const verdicts = new Map<CompiledException, boolean>();
  const holds = (e: CompiledException): boolean => {
    let v = verdicts.get(e);
    if (v === undefined) verdicts.set(e, (v = e.matches(facts)));
    return v;
  };
  const kept: Finding[] = [];
  const suppressed: Suppression[] = [];
  for (const f of findings) {
    const by = exceptions.find((e) => e.ruleIds.has(f.ruleId) && holds(e));
    if (!by) {
      kept.push(f);
      continue;
    }
    suppressed.push({
      ruleId: f.ruleId,
      title: f.title,
      severity: f.severity,
      exception: by.id,
      reason: by.reason,
      source: `${by.source.file}:${by.source.line}`,
    });
  }
  return { findings: kept, suppressed };
}

/** Exceptions that suppressed nothing in a whole run: stale, too narrow, or aimed at the wrong rule. */
export function unusedExceptions(exceptions: CompiledException[], applicants: ApplicantList): Diagnostic[] {
  const used = new Set<string>();
  // Only when there is an exception to report on: a spilled run reads every result back for this.
  if (exceptions.length) for (const a of applicants) for (const s of a.suppressed ?? []) used.add(s.exception);
  return exceptions
    .filter((e) => !used.has(e.id))
    .map((e) => ({
      code: 'config-unused',
      severity: 'warning',
      file: e.source.file,
      line: e.source.line,
      column: e.source.column,
      message: `exception '${e.id}' suppressed no finding in this run (${plural(applicants.length, 'applicant')} checked)`,
      hint: 'if it is no longer needed, remove it; otherwise check its rule patterns and its when: condition',
    }));
}
