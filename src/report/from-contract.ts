import type { Diagnostic, DiagnosticCode } from '../model/diagnostic.js';
import { parseSource } from '../model/source-location.js';
import { WHOLE_MESSAGE_PART, type Finding, type FamilyContribution } from '../model/finding.js';
import { FAMILIES, LEVELS, SEVERITIES, type FailOn, type Family, type Severity } from '../model/levels.js';
import type { ApplicantList, ApplicantResult, Link, LinkKeys, Report, RunError, ShardInfo, SkippedInput } from '../model/report.js';
import type { MessagePart, Reference } from '../model/rule.js';
import { isObj } from '../util/is-object.js';

type J = Record<string, unknown>;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strs = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');
const oneOf = <T extends string>(list: readonly T[], v: unknown, fallback: T): T => (list.includes(v as T) ? (v as T) : fallback);

/**
 * A JSON report (formats/json.ts, the contract) read back into the model, for `merge`. Evidence
 * comes back from `evidenceDetail`; the message is the evidence line that has no detail.
 */
export function reportFromContract(doc: unknown, file: string): Report | string {
  if (!isObj(doc) || !isObj(doc.tool) || doc.tool.name !== 'dprk-check' || !Array.isArray(doc.applicants) || !isObj(doc.summary)) {
    return `${file} is not a dprk-check JSON report (write one with --format json)`;
  }
  return reportRest(doc, doc.applicants.filter(isObj).map(applicantFromContract));
}

/**
 * The same for a report whose applicants were taken as they were read (readReportFile's `take`,
 * into a result store): `applicants` is that list.
 */
export function reportFromContractWith(doc: unknown, file: string, applicants: ApplicantList): Report | string {
  const r = reportFromContract(doc, file);
  return typeof r === 'string' ? r : { ...r, applicants };
}

/** One applicant of a JSON report, back into the model. */
export function applicantFromContract(a: J): ApplicantResult {
  return {
    id: String(a.id),
    name: typeof a.name === 'string' ? a.name : '',
    source: String(a.source),
    location: parseSource(String(a.source)),
    level: oneOf(LEVELS, a.level, 'none'),
    score: typeof a.score === 'number' ? a.score : 0,
    findings: arr(a.findings).filter(isObj).map(findingFrom),
    contributions: arr(a.scoreDetail)
      .filter(isObj)
      .map((c): FamilyContribution => ({
        family: oneOf(FAMILIES, c.family, 'identity'),
        strength: Number(c.strength) || 0,
        findings: Number(c.findings) || 0,
      })),
    notEvaluated: strs(a.notEvaluated),
    warnings: strs(a.warnings).map((message) => diag('report-note', message, 'warning')),
  };
}

/** JSON report → model, the rest of the report. */
function reportRest(doc: J, applicants: ApplicantList): Report {
  const errors = arr(doc.errors)
    .filter(isObj)
    .map((e): RunError => ({
      source: String(e.source),
      location: parseSource(String(e.source)),
      ...(typeof e.id === 'string' ? { id: e.id } : {}),
      ...(isObj(e.start) && typeof e.start.line === 'number' && typeof e.start.column === 'number'
        ? { start: { line: e.start.line, column: e.start.column } }
        : {}),
      message: String(e.message),
      diagnostics: arr(e.problems)
        .filter(isObj)
        .map((p) => ({
          ...diag(typeof p.code === 'string' ? (p.code as DiagnosticCode) : 'report-note', String(p.message), problemSeverity(p)),
          ...(typeof p.line === 'number' ? { line: p.line, column: typeof p.column === 'number' ? p.column : undefined } : {}),
          ...(typeof p.path === 'string' ? { path: p.path } : {}),
        })),
    }));
  const links = arr(doc.links)
    .filter(isObj)
    .map((l): Link => ({
      kind: String(l.kind),
      severity: oneOf(SEVERITIES, l.severity, 'info'),
      value: String(l.value ?? ''),
      key: String(l.key ?? ''),
      applicants: strs(l.applicants),
      sources: strs(l.sources),
      ...(typeof l.note === 'string' ? { note: l.note } : {}),
      ...(l.scope === 'shard-local' ? { scope: 'shard-local' as const } : {}),
    }));
  const tool = doc.tool as J;
  return {
    tool: { name: 'dprk-check', version: String(tool.version ?? ''), rulesVersion: String(tool.rulesVersion ?? '') },
    generatedAt: String(doc.generatedAt ?? ''),
    failOn: (typeof doc.failOn === 'string' ? doc.failOn : 'high') as FailOn,
    summary: doc.summary as Report['summary'],
    applicants,
    links,
    errors,
    ...(Array.isArray(doc.skipped) ? { skipped: doc.skipped.filter(isObj) as unknown as SkippedInput[] } : {}),
    ...(doc.interrupted === true ? { interrupted: true } : {}),
    ...(isObj(doc.shard) ? { shard: doc.shard as unknown as ShardInfo } : {}),
    ...(Array.isArray(doc.linkKeys) ? { linkKeys: doc.linkKeys.filter(isObj) as unknown as LinkKeys[] } : {}),
  };
}

function findingFrom(f: J): Finding {
  const detail = arr(f.evidenceDetail).filter(isObj);
  const lines = strs(f.evidence);
  return {
    ruleId: String(f.ruleId),
    family: oneOf(FAMILIES, f.family, 'identity') as Family,
    severity: oneOf(SEVERITIES, f.severity, 'info') as Severity,
    title: String(f.title ?? ''),
    ...(lines.length > detail.length ? { message: lines[0] } : {}),
    ...(partsFrom(f.messageParts) ??
      (lines.length > detail.length && f.family !== 'linkage' ? { messageParts: [{ path: WHOLE_MESSAGE_PART, values: [], text: lines[0]! }] } : {})),
    evidence: detail.map((d) => ({
      path: String(d.path),
      pattern: String(d.path).replace(/\[\d+\]/g, '[]'),
      value: d.value,
      ...(typeof d.note === 'string' ? { note: d.note } : {}),
    })),
    references: strs(f.references).map((r): Reference => (/^https?:\/\//.test(r) ? { title: r, url: r } : { title: r })),
    falsepositives: strs(f.falsepositives),
    next: String(f.next ?? ''),
  };
}

/** Message parts as json.ts writes them; anything malformed is dropped (masking then falls back to scrubbing). */
function partsFrom(v: unknown): { messageParts: MessagePart[] } | undefined {
  if (!Array.isArray(v)) return undefined;
  const parts: MessagePart[] = [];
  for (const p of v) {
    if (typeof p === 'string') parts.push(p);
    else if (isObj(p) && typeof p.path === 'string' && typeof p.text === 'string' && Array.isArray(p.values))
      parts.push({ path: p.path, values: p.values, text: p.text });
    else return undefined;
  }
  return { messageParts: parts };
}

/**
 * A problem's severity as written (reports from this version write it); a report that did not
 * write it (an older version) is read by its code: the codes below are only ever warnings.
 */
const WARNING_ONLY_CODES: ReadonlySet<string> = new Set(['input-encoding', 'input-unmapped', 'input-duplicate-id', 'input-skipped', 'report-note']);
function problemSeverity(p: J): Diagnostic['severity'] {
  if (p.severity === 'warning' || p.severity === 'error') return p.severity;
  return typeof p.code === 'string' && WARNING_ONLY_CODES.has(p.code) ? 'warning' : 'error';
}

function diag(code: DiagnosticCode, message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic {
  return { code, severity, message };
}
