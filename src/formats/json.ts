import type { Formatter } from './format.js';
import type { Report } from '../model/report.js';
import { evidenceText } from './evidence.js';

/**
 * The report contract of applicant-model.md. Contract keys keep their documented types (evidence
 * and references are strings); structured detail rides in extra keys downstream tools may ignore.
 */
export function toContract(report: Report) {
  return {
    tool: report.tool,
    generatedAt: report.generatedAt,
    failOn: report.failOn,
    ...(report.redacted ? { redacted: true } : {}),
    summary: report.summary,
    applicants: report.applicants.map((a) => ({
      id: a.id,
      source: a.source,
      level: a.level,
      score: a.score,
      findings: a.findings.map((f) => ({
        ruleId: f.ruleId,
        family: f.family,
        severity: f.severity,
        title: f.title,
        evidence: [...(f.message ? [f.message] : []), ...f.evidence.map(evidenceText)],
        references: f.references.map((r) => r.url ?? r.title),
        next: f.next,
        falsepositives: f.falsepositives,
        evidenceDetail: f.evidence.map((e) => ({ path: e.path, value: e.value, ...(e.note ? { note: e.note } : {}) })),
      })),
      notEvaluated: a.notEvaluated,
      scoreDetail: a.contributions,
      ...(a.warnings.length ? { warnings: a.warnings.map((w) => w.message) } : {}),
      ...(a.suppressed?.length ? { suppressed: a.suppressed } : {}),
      ...(a.explained?.length ? { explained: a.explained } : {}),
      ...(a.coverage ? { coverage: a.coverage } : {}),
    })),
    links: report.links,
    errors: report.errors.map((e) => ({
      source: e.source,
      message: e.message,
      problems: e.diagnostics.map((d) => ({
        code: d.code,
        message: d.message,
        ...(d.line ? { line: d.line, column: d.column } : {}),
        ...(d.path ? { path: d.path } : {}),
      })),
    })),
    ...(report.skipped ? { skipped: report.skipped } : {}),
    ...(report.interrupted ? { interrupted: true } : {}),
    ...(report.shard ? { shard: report.shard } : {}),
    // Hashed values for `dprk-check merge`; only present with --shard or --link-keys.
    ...(report.linkKeys ? { linkKeys: report.linkKeys } : {}),
  };
}

export const jsonFormat: Formatter = {
  name: 'json',
  description: 'the report contract as one JSON object (stable keys, for tools)',
  redactByDefault: false,
  format: (report) => `${JSON.stringify(toContract(report), null, 2)}\n`,
};
