import type { ApplicantResult } from '../model/report.js';
import { sourceText, type SourceLocation } from '../model/source-location.js';

/**
 * A result with nothing found yet, for links to be applied to when the applicant's own result is
 * not at hand: an earlier run's applicant (linked to, never reported), a spilled result's stand-in
 * (what links add is gathered on it, then merged into the stored result), a rule case's applicant.
 * Fresh lists every time: applying links appends to them. `source` is kept as given when the
 * applicant has one already (a report read back keeps its contract's string).
 */
export function blankResult(id: string, location: SourceLocation, name = '', source = sourceText(location)): ApplicantResult {
  return { id, name, source, location, level: 'none', score: 0, findings: [], contributions: [], notEvaluated: [], warnings: [] };
}
