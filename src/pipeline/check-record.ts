import type { Facts } from '../model/applicant.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { InputRecord } from '../read/input-record.js';
import type { ApplicantResult, RunError } from '../model/report.js';
import type { CompiledRule } from '../model/rule.js';
import type { EnrichContext } from '../enrich/enricher.js';
import { validateApplicant } from '../validate/validate-applicant.js';
import { enrich } from '../enrich/index.js';
import { ipWarnings } from '../enrich/ip-warnings.js';
import { evaluate } from '../evaluate/evaluate.js';
import { applyExceptions } from '../evaluate/exceptions.js';
import type { CompiledException } from '../model/exception.js';
import { score } from '../score/score.js';

export interface CheckOptions {
  strict: boolean;
  enrich: EnrichContext;
  /** Configured exceptions (.dprk-check.yaml): matching findings are suppressed before scoring. */
  exceptions?: CompiledException[];
}

/** On success the applicant's facts ride along for the batch stages (links); they are not kept. */
export type RecordOutcome = { ok: true; result: ApplicantResult; applicant: Facts } | { ok: false; error: RunError };

/** Positions found in one NDJSON line's own text are line 1; shift them to the line in the file. */
function shift(ds: Diagnostic[], record: InputRecord): Diagnostic[] {
  if (!record.line || record.line === 1) return ds;
  return ds.map((d) => (d.line ? { ...d, line: d.line + record.line! - 1 } : d));
}

/** One record through validate → enrich → evaluate → score. */
export function checkRecord(record: InputRecord, rules: CompiledRule[], options: CheckOptions): RecordOutcome {
  const noted = record.warnings ?? [];
  if (record.error) return { ok: false, error: { source: record.source, message: record.error.message, diagnostics: [record.error, ...noted] } };
  const v = validateApplicant(record.value, { strict: options.strict, file: record.file, text: record.text });
  if (!v.applicant) {
    return {
      ok: false,
      error: { source: record.source, message: `invalid applicant record (${v.errors.length} problem${v.errors.length === 1 ? '' : 's'})`, diagnostics: [...shift(v.errors, record), ...noted] },
    };
  }
  const facts = enrich(v.applicant, options.enrich);
  const e = evaluate(facts, rules);
  if (e.failures.length) {
    return {
      ok: false,
      error: {
        source: record.source,
        message: e.failures.map((f) => f.message).join('; '),
        diagnostics: e.failures.map((f) => ({ code: 'rule-schema', severity: 'error', message: f.message, ruleId: f.ruleId })),
      },
    };
  }
  const { findings, suppressed } = applyExceptions(facts, e.findings, options.exceptions ?? []);
  const s = score(findings);
  return {
    ok: true,
    applicant: facts,
    result: {
      id: v.applicant.id,
      name: v.applicant.name.full,
      source: record.source,
      level: s.level,
      score: s.score,
      findings,
      contributions: s.contributions,
      notEvaluated: e.notEvaluated,
      warnings: [...(noted.length ? [...noted, ...shift(v.warnings, record)] : shift(v.warnings, record)), ...ipWarnings(facts)],
      ...(suppressed.length ? { suppressed } : {}),
    },
  };
}
