import { defineFormat, type Emit } from './format.js';
import type { ApplicantResult, Report, RunError } from '../model/report.js';
import { evidenceText } from './evidence.js';
import { nestedJson } from './nested-json.js';
import type { ReviewState } from '../model/history.js';

/**
 * The report contract of applicant-model.md. Contract keys keep their documented types (evidence
 * and references are strings); structured detail rides in extra keys downstream tools may ignore.
 */
export function applicantContract(a: ApplicantResult) {
  return {
    id: a.id,
    // Extra key: the name a person reads (text, markdown, html after a merge); [name] when masked.
    ...(a.name ? { name: a.name } : {}),
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
      evidenceDetail: f.evidence.map((e) => ({ path: e.path, value: e.value, ...(e.note ? { note: e.note } : {}), ...(e.from ? { from: e.from } : {}) })),
      // How the message was put together, so a later `merge --redact` masks exactly what a
      // single run would (every run with JSON output keeps it).
      ...(f.messageParts ? { messageParts: f.messageParts } : {}),
    })),
    notEvaluated: a.notEvaluated,
    scoreDetail: a.contributions,
    ...(a.warnings.length ? { warnings: a.warnings.map((w) => w.message) } : {}),
    ...(a.suppressed?.length ? { suppressed: a.suppressed } : {}),
    ...(a.explained?.length ? { explained: a.explained } : {}),
    ...(a.coverage ? { coverage: a.coverage } : {}),
    // --history: the review decision in force (unchanged: the findings are still those reviewed) and earlier checks.
    ...(a.review ? { review: reviewContract(a.review) } : {}),
    ...(a.history?.length ? { history: a.history } : {}),
  };
}

function reviewContract({ decision: d, unchanged }: ReviewState) {
  return { status: d.status, by: d.by, at: d.at, note: d.note, unchanged };
}

function errorContract(e: RunError) {
  return {
    source: e.source,
    // Extra key: the record's id, when it had a readable one.
    ...(e.id !== undefined ? { id: e.id } : {}),
    // Extra key: where an element of a JSON array starts (its source names only its index).
    ...(e.start ? { start: e.start } : {}),
    message: e.message,
    problems: e.diagnostics.map((d) => ({
      code: d.code,
      // Extra key: a record that could not be checked may also carry warnings (input-encoding); merge
      // reads them back as warnings, not as errors.
      severity: d.severity,
      message: d.message,
      ...(d.line ? { line: d.line, column: d.column } : {}),
      ...(d.path ? { path: d.path } : {}),
    })),
  };
}

/** A key whose value is a list written item by item. */
class Streamed<T> {
  /** `linkKeys` may be read back from disk each time it is iterated: iterate it, never index it. */
  constructor(
    readonly items: Iterable<T>,
    readonly map: (item: T) => unknown,
  ) {}
}

/** The top-level keys, in contract order; the long lists stream. */
function contractEntries(report: Report): Array<[string, unknown]> {
  const entries: Array<[string, unknown]> = [
    ['tool', report.tool],
    ['generatedAt', report.generatedAt],
    ['failOn', report.failOn],
  ];
  if (report.redacted) entries.push(['redacted', true]);
  entries.push(
    ['summary', report.summary],
    ['applicants', new Streamed(report.applicants, applicantContract)],
    ['links', new Streamed(report.links, (l) => l)],
    ['errors', new Streamed(report.errors, errorContract)],
  );
  if (report.skipped) entries.push(['skipped', report.skipped]);
  // Joined runs: where every source record went (docs/sources.md).
  if (report.sources) entries.push(['sources', report.sources]);
  if (report.interrupted) entries.push(['interrupted', true]);
  if (report.shard) entries.push(['shard', report.shard]);
  // Hashed values for `dprk-check merge`; only present with --shard or --link-keys.
  if (report.linkKeys) entries.push(['linkKeys', new Streamed(report.linkKeys, (k) => k)]);
  return entries;
}

/** The whole contract as one object (small reports, tests); the same as the streamed document. */
export function toContract(report: Report): Record<string, unknown> {
  return Object.fromEntries(contractEntries(report).map(([k, v]) => [k, v instanceof Streamed ? Array.from(v.items, (x) => v.map(x)) : v]));
}

/**
 * Byte for byte what `JSON.stringify(toContract(report), null, 2)` gives, written one applicant at
 * a time: a single string of a large report exceeds V8's limit (~512 MB) and doubles the memory.
 */
export function writeJson(report: Report, out: Emit): void {
  const entries = contractEntries(report);
  out('{');
  entries.forEach(([key, value], i) => {
    out(`${i ? ',' : ''}\n  ${JSON.stringify(key)}: `);
    if (!(value instanceof Streamed)) return out(nestedJson(value, 1));
    let j = 0;
    for (const item of value.items) out(`${j++ ? ',' : '['}\n    ${nestedJson(value.map(item), 2)}`);
    out(j ? '\n  ]' : '[]');
  });
  out('\n}\n');
}

export const jsonFormat = defineFormat({
  name: 'json',
  description: 'the report contract as one JSON object (stable keys, for tools)',
  redactByDefault: false,
  write: (report, _ctx, out) => writeJson(report, out),
});
