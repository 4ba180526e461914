import { createHash } from 'node:crypto';
import type { Formatter, FormatContext } from './format.js';
import type { ApplicantResult, Report, RunError } from '../model/report.js';
import type { Finding } from '../model/finding.js';
import { exitCodeFor } from '../report/build.js';
import { evidenceText } from './evidence.js';
import { errorLocation, parseSource, type SourceLocation } from './source-location.js';
import { oneLine, truncate } from './plain-text.js';
import { severityRank } from './finding-order.js';
import { collectRules, ruleDescriptor, sarifLevel } from './sarif-rules.js';

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
  const uri = file.split('/').map((seg) => encodeURIComponent(seg)).join('/');
  return absolute ? { uri: `file://${uri}` } : { uri, uriBaseId: '%SRCROOT%' };
}

function physicalLocation(at: SourceLocation) {
  return {
    artifactLocation: artifactLocation(at.file),
    ...(at.line !== undefined ? { region: { startLine: at.line } } : {}),
  };
}

function location(a: ApplicantResult) {
  const at = parseSource(a.source);
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
export function fingerprint(ruleId: string, applicantId: string, source: string): string {
  return createHash('sha256').update(`${ruleId}\0${applicantId}\0${parseSource(source).file}`).digest('hex').slice(0, 32);
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
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f.ruleId, a.id, a.source) },
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

/** Over the limit, keep the most severe results (GitHub ranks by severity too), in input order. */
function selectFindings(report: Report, max: number) {
  const all: Array<{ a: ApplicantResult; f: Finding; order: number }> = [];
  for (const a of report.applicants) for (const f of a.findings) all.push({ a, f, order: all.length });
  if (all.length <= max) return { kept: all, total: all.length };
  const ranked = [...all].sort((x, y) => severityRank(y.f.severity) - severityRank(x.f.severity) || y.a.score - x.a.score || x.order - y.order);
  const kept = ranked.slice(0, max).sort((x, y) => x.order - y.order);
  return { kept, total: all.length };
}

function errorNotification(e: RunError) {
  const at = errorLocation(e);
  return {
    level: 'error' as const,
    message: { text: truncate(oneLine(`${e.source}: ${e.message}`), 1000) },
    locations: [{ physicalLocation: physicalLocation(at) }],
    descriptor: { id: e.diagnostics[0]?.code ?? 'input-invalid' },
  };
}

export function toSarif(report: Report, ctx: Pick<FormatContext, 'rules'>, limits: SarifLimits = GITHUB_LIMITS) {
  const rules = collectRules(report, ctx.rules);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const { kept, total } = selectFindings(report, limits.resultsPerRun);
  const notifications: object[] = [];
  const shownErrors = report.errors.slice(0, limits.notificationsPerRun);
  notifications.push(...shownErrors.map(errorNotification));
  if (report.errors.length > shownErrors.length) {
    notifications.push({ level: 'error', message: { text: `… and ${report.errors.length - shownErrors.length} more records that could not be checked (see the JSON report)` }, descriptor: { id: 'input-invalid' } });
  }
  const truncated = kept.length < total;
  if (truncated) {
    notifications.push({
      level: 'warning',
      message: { text: `${total} findings exceed the ${limits.resultsPerRun} results GitHub code scanning accepts in one run; the ${kept.length} most severe are included. The JSON report has all of them.` },
      descriptor: { id: 'results-truncated' },
    });
  }
  return {
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
        results: kept.map(({ a, f }) => result(a, f, ruleIndex, limits)),
        properties: {
          summary: report.summary,
          failOn: report.failOn,
          redacted: report.redacted === true,
          links: report.links.length,
          ...(truncated ? { truncated: { findings: total, included: kept.length, limit: limits.resultsPerRun } } : {}),
          disclaimer: 'Signals for a person to verify, never a verdict; never act on origin, name or language.',
        },
      },
    ],
  };
}

export const sarifFormat: Formatter = {
  name: 'sarif',
  description: 'SARIF 2.1.0 for GitHub code scanning and other SARIF viewers',
  redactByDefault: true,
  format: (report, ctx) => `${JSON.stringify(toSarif(report, ctx), null, 2)}\n`,
};
