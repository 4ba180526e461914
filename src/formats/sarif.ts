import { createHash } from 'node:crypto';
import { defineFormat, type Emit, type FormatContext } from './format.js';
import { firstErrors, type ApplicantResult, type Report, type RunError } from '../model/report.js';
import type { Finding } from '../model/finding.js';
import { exitCodeFor } from '../report/build.js';
import { evidenceText } from './evidence.js';
import type { SourceLocation } from '../model/source-location.js';
import { errorLocation, type ErrorPlace } from './source-location.js';
import { oneLine, truncate } from './plain-text.js';
import { severityRank } from './finding-order.js';
import { collectRules, ruleDescriptor, sarifLevel } from './sarif-rules.js';
import { nestedJson } from './nested-json.js';
import { errorSummary } from './error-reasons.js';

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one result per finding, located at
 * the export file (and the record's line for NDJSON), one rule descriptor per rule id.
 */

/** GitHub code scanning's documented upload limits (docs "SARIF support for code scanning"). */
export interface SarifLimits {
  resultsPerRun: number;
  tagsPerRule: number;
  locationsPerResult: number;
  messageChars: number;
  notificationsPerRun: number;
  evidencePerResult: number;
}

export const GITHUB_LIMITS: SarifLimits = {
  resultsPerRun: 25_000,
  tagsPerRule: 20,
  locationsPerResult: 1_000,
  messageChars: 1_000,
  notificationsPerRun: 1_000,
  evidencePerResult: 10,
};

const FINGERPRINT_KEY = 'dprkCheckApplicantFinding/v1';

/** Relative paths stay relative to the checkout (%SRCROOT%); each segment is percent-encoded. */
function artifactLocation(file: string) {
  if (file === '<stdin>') return { uri: 'stdin', description: { text: 'standard input' } };
  const absolute = file.startsWith('/');
  const uri = file
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
  return absolute ? { uri: `file://${uri}` } : { uri, uriBaseId: '%SRCROOT%' };
}

function physicalLocation(at: SourceLocation | ErrorPlace) {
  const column = 'column' in at && at.column !== undefined ? { startColumn: at.column } : {};
  return {
    artifactLocation: artifactLocation(at.file),
    ...(at.line !== undefined ? { region: { startLine: at.line, ...column } } : {}),
  };
}

function location(a: ApplicantResult) {
  const at = a.location;
  return {
    physicalLocation: physicalLocation(at),
    // A record in a JSON array has no line of its own: name it by id and position instead.
    logicalLocations: [{ name: a.id, fullyQualifiedName: a.source, kind: 'object' }],
  };
}

/**
 * Stable across runs and across re-orderings of the export: the same applicant in the same file
 * hit by the same rule is the same alert. The record's position is left out on purpose.
 */
export function fingerprint(ruleId: string, applicantId: string, at: SourceLocation): string {
  return createHash('sha256').update(`${ruleId}\0${applicantId}\0${at.file}`).digest('hex').slice(0, 32);
}

function result(a: ApplicantResult, f: Finding, ruleIndex: Map<string, number>, limits: SarifLimits) {
  const text = oneLine(`Applicant ${a.id} (${a.level}, score ${a.score}/100): ${f.message ?? f.title}`);
  const evidence = f.evidence.slice(0, limits.evidencePerResult).map((e) => truncate(oneLine(evidenceText(e)), 300));
  return {
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId)!,
    level: sarifLevel(f.severity),
    message: { text: truncate(text, limits.messageChars) },
    locations: [location(a)].slice(0, limits.locationsPerResult),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f.ruleId, a.id, a.location) },
    properties: {
      applicantId: a.id,
      source: a.source,
      applicantLevel: a.level,
      applicantScore: a.score,
      family: f.family,
      severity: f.severity,
      ...(evidence.length ? { evidence } : {}),
      ...(f.evidence.length > evidence.length ? { evidenceOmitted: f.evidence.length - evidence.length } : {}),
    },
  };
}

/**
 * Over the limit, keep the most severe results (GitHub ranks by severity too), then the highest
 * applicant scores, ties in input order; the kept ones stay in input order. Counted in buckets
 * (severity × score) rather than sorted, so no list of every finding is built.
 */
function selectFindings(report: Report, max: number): { total: number; kept: number; keep: () => (a: ApplicantResult, f: Finding) => boolean } {
  const bucket = (a: ApplicantResult, f: Finding) => severityRank(f.severity) * 101 + Math.max(0, Math.min(100, Math.round(a.score)));
  const counts = new Array<number>(5 * 101).fill(0);
  let total = 0;
  for (const a of report.applicants)
    for (const f of a.findings) {
      counts[bucket(a, f)]!++;
      total++;
    }
  if (total <= max) return { total, kept: total, keep: () => () => true };
  let cut = counts.length - 1;
  let above = 0;
  while (cut > 0 && above + counts[cut]! < max) above += counts[cut--]!;
  const room = max - above;
  return {
    total,
    kept: max,
    keep: () => {
      let atCut = 0;
      return (a, f) => {
        const b = bucket(a, f);
        return b > cut || (b === cut && atCut++ < room);
      };
    },
  };
}

function errorNotification(e: RunError) {
  const at = errorLocation(e);
  return {
    level: 'error' as const,
    // The region carries where an array element starts (errorLocation): the message need not say it again.
    message: { text: truncate(oneLine(`${e.source}: ${errorSummary(e, { placed: true })}`), 1000) },
    locations: [{ physicalLocation: physicalLocation(at) }],
    descriptor: { id: e.diagnostics[0]?.code ?? 'input-invalid' },
    ...(e.id !== undefined ? { properties: { applicantId: e.id } } : {}),
  };
}

/** The document with an empty `results`, and the results to put there, built one at a time. */
function sarifParts(report: Report, ctx: Pick<FormatContext, 'rules'>, limits: SarifLimits) {
  const rules = collectRules(report, ctx.rules);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const { kept, total, keep } = selectFindings(report, limits.resultsPerRun);
  const notifications: object[] = [];
  const shownErrors = firstErrors(report.errors, limits.notificationsPerRun);
  for (const e of shownErrors) notifications.push(errorNotification(e));
  if (report.errors.length > shownErrors.length) {
    notifications.push({
      level: 'error',
      message: { text: `… and ${report.errors.length - shownErrors.length} more records that could not be checked (see the JSON report)` },
      descriptor: { id: 'input-invalid' },
    });
  }
  const truncated = kept < total;
  if (truncated) {
    notifications.push({
      level: 'warning',
      message: {
        text: `${total} findings exceed the ${limits.resultsPerRun} results GitHub code scanning accepts in one run; the ${kept} most severe are included. The JSON report has all of them.`,
      },
      descriptor: { id: 'results-truncated' },
    });
  }
  const document = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: rules.map((r) => ruleDescriptor(r, limits.tagsPerRule)),
            properties: { rulesVersion: report.tool.rulesVersion },
          },
        },
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            exitCode: exitCodeFor(report),
            endTimeUtc: report.generatedAt,
            toolExecutionNotifications: notifications,
          },
        ],
        results: [] as Array<ReturnType<typeof result>>,
        properties: {
          summary: report.summary,
          failOn: report.failOn,
          redacted: report.redacted === true,
          links: report.links.length,
          ...(truncated ? { truncated: { findings: total, included: kept, limit: limits.resultsPerRun } } : {}),
          disclaimer: 'Signals for a person to verify, never a verdict; never act on origin, name or language.',
        },
      },
    ],
  };
  function* results() {
    const kept = keep();
    for (const a of report.applicants) for (const f of a.findings) if (kept(a, f)) yield result(a, f, ruleIndex, limits);
  }
  return { document, results };
}

export function toSarif(report: Report, ctx: Pick<FormatContext, 'rules'>, limits: SarifLimits = GITHUB_LIMITS) {
  const { document, results } = sarifParts(report, ctx, limits);
  document.runs[0]!.results = [...results()];
  return document;
}

/** The same text as JSON.stringify(toSarif(…), null, 2), with the results written one at a time. */
export function writeSarif(report: Report, ctx: Pick<FormatContext, 'rules'>, out: Emit, limits: SarifLimits = GITHUB_LIMITS): void {
  const { document, results } = sarifParts(report, ctx, limits);
  const text = JSON.stringify(document, null, 2);
  const at = text.indexOf('"results": []');
  const indent = text.slice(text.lastIndexOf('\n', at) + 1, at);
  out(text.slice(0, at + '"results": ['.length));
  let n = 0;
  for (const r of results()) out(`${n++ ? ',' : ''}\n${indent}  ${nestedJson(r, indent.length / 2 + 1)}`);
  out(`${n ? `\n${indent}` : ''}${text.slice(at + '"results": ['.length)}\n`);
}

export const sarifFormat = defineFormat({
  name: 'sarif',
  description: 'SARIF 2.1.0 for GitHub code scanning and other SARIF viewers (at most the 25,000 results an upload may hold; the cut is reported)',
  redactByDefault: true,
  write: (report, ctx, out) => writeSarif(report, ctx, out),
});
