import { isInputError, levelAt, type ApplicantList, type ErrorList, type LinkList, type Report } from '../model/report.js';
import { LEVELS, levelRank, type FailOn, type Level } from '../model/levels.js';

export interface ReportMeta {
  version: string;
  rulesVersion: string;
  rulesCount: number;
  failOn: FailOn;
  generatedAt: string;
  /** Data sets behind derived facts, shown as tool.data. */
  data?: Record<string, { name: string; date?: string; licence?: string; url?: string }>;
}

/** The report stage: results → Report. No I/O, no colour; order is the input order. */
export function buildReport(applicants: ApplicantList, errors: ErrorList, links: LinkList, meta: ReportMeta): Report {
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  for (let i = 0; i < applicants.length; i++) byLevel[levelAt(applicants, i)]++;
  return {
    tool: { name: 'dprk-check', version: meta.version, rulesVersion: meta.rulesVersion, ...(meta.data ? { data: meta.data } : {}) },
    generatedAt: meta.generatedAt,
    failOn: meta.failOn,
    summary: summaryOf(applicants.length, errors, byLevel),
    applicants,
    links,
    errors,
  };
}

function summaryOf(evaluated: number, errors: ErrorList, byLevel: Record<Level, number>): Report['summary'] {
  // A batch's list counts them as they come (it may be on disk); an array is counted here.
  let unreadable = errors.inputErrors;
  if (unreadable === undefined) {
    unreadable = 0;
    for (const e of errors) if (isInputError(e)) unreadable++;
  }
  const invalid = errors.length - unreadable;
  return { total: evaluated + invalid, evaluated, invalid, ...(unreadable ? { unreadable } : {}), byLevel };
}

/** ESLint-style contract: 2 if anything could not be checked, else 1 if any applicant ≥ fail level. */
export function exitCodeFor(report: Report): 0 | 1 | 2 {
  if (report.errors.length > 0) return 2;
  const failOn = report.failOn;
  if (failOn === 'never') return 0;
  const apps = report.applicants;
  for (let i = 0; i < apps.length; i++) if (levelRank(levelAt(apps, i)) >= levelRank(failOn)) return 1;
  return 0;
}
