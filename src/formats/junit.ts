import { defineFormat, lineWriter, type Emit } from './format.js';
import type { ApplicantResult, Report, RunError } from '../model/report.js';
import type { Finding } from '../model/finding.js';
import { levelRank } from '../model/levels.js';
import { evidenceText } from './evidence.js';
import { errorLocation } from './source-location.js';
import { oneLine, plainText } from './plain-text.js';
import { bySeverity } from './finding-order.js';
import { plural } from '../util/plural.js';

/**
 * JUnit XML for CI test tabs: a testsuite per input file, a testcase per applicant, a failure for
 * each applicant at or above --fail-on, an error for each record that could not be checked.
 */

/** Characters XML 1.0 forbids outright (most C0 controls, lone surrogates, U+FFFE/U+FFFF). */
const XML_FORBIDDEN = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(s: string): string {
  return plainText(s).replace(XML_FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

const attrs = (o: Record<string, string | number | undefined>) =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');

function findingDetail(f: Finding): string {
  const lines = [`[${f.severity}] ${f.title} (${f.ruleId})`];
  if (f.message) lines.push(`  ${f.message}`);
  for (const e of f.evidence.slice(0, 10)) lines.push(`  evidence: ${evidenceText(e)}`);
  if (f.evidence.length > 10) lines.push(`  … and ${f.evidence.length - 10} more`);
  lines.push(`  verify: ${f.next}`);
  return lines.join('\n');
}

function applicantDetail(a: ApplicantResult): string {
  return [`${a.id} (${a.source}): ${a.level}, score ${a.score}/100`, ...bySeverity(a.findings).map(findingDetail)].join('\n');
}

interface Suite {
  file: string;
  /** Positions in report.applicants, then in report.errors: cases are built only as written. */
  applicants: number[];
  /** Runs of consecutive positions in report.errors, [start, end) pairs: an input's errors come one after another, and may be millions. */
  errors: number[];
  tests: number;
  failures: number;
  errors_: number;
}

function applicantCase(a: ApplicantResult, report: Report, failRank: number): string {
  const at = a.location;
  const head = `    <testcase${attrs({ name: a.id, classname: at.file, file: at.file, line: at.line, time: '0' })}`;
  if (levelRank(a.level) >= failRank) {
    const message = `${a.level} risk (score ${a.score}/100, ${plural(a.findings.length, 'finding')}) at or above --fail-on ${report.failOn}`;
    return `${head}>\n      <failure${attrs({ message, type: a.level })}>${xmlText(applicantDetail(a))}</failure>\n    </testcase>`;
  }
  // Below the fail level: passes, with the findings kept for whoever opens the test.
  if (a.findings.length) return `${head}>\n      <system-out>${xmlText(applicantDetail(a))}</system-out>\n    </testcase>`;
  return `${head}/>`;
}

function errorCase(e: RunError): string {
  const at = errorLocation(e);
  const detail = [
    e.message,
    ...e.diagnostics.filter((d) => d.message !== e.message).map((d) => `${d.line ? `${d.line}:${d.column ?? 1} ` : ''}${d.message}`),
  ].join('\n');
  return `    <testcase${attrs({ name: e.source, classname: at.file, file: at.file, line: at.line, time: '0' })}>\n      <error${attrs({ message: oneLine(e.message), type: e.diagnostics[0]?.code ?? 'input-invalid' })}>${xmlText(detail)}</error>\n    </testcase>`;
}

export function writeJUnit(report: Report, emit: Emit): void {
  const out = lineWriter(emit);
  // First pass: the suites and their counts, which their opening tags carry.
  const suites = new Map<string, Suite>();
  const suite = (file: string): Suite => {
    let s = suites.get(file);
    if (!s) suites.set(file, (s = { file, applicants: [], errors: [], tests: 0, failures: 0, errors_: 0 }));
    return s;
  };
  const failRank = report.failOn === 'never' ? Infinity : levelRank(report.failOn);
  let i = 0;
  for (const a of report.applicants) {
    const s = suite(a.location.file);
    s.tests++;
    if (levelRank(a.level) >= failRank) s.failures++;
    s.applicants.push(i++);
  }
  i = 0;
  for (const e of report.errors) {
    const s = suite(errorLocation(e).file);
    s.tests++;
    s.errors_++;
    if (s.errors.length && s.errors[s.errors.length - 1] === i) s.errors[s.errors.length - 1] = i + 1;
    else s.errors.push(i, i + 1);
    i++;
  }
  const timestamp = report.generatedAt.slice(0, 19);
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const x of suites.values()) {
    tests += x.tests;
    failures += x.failures;
    errors += x.errors_;
  }
  out('<?xml version="1.0" encoding="UTF-8"?>');
  out(`<testsuites${attrs({ name: 'dprk-check', tests, failures, errors, skipped: 0, time: '0', timestamp })}>`);
  for (const x of suites.values()) {
    out(`  <testsuite${attrs({ name: x.file, tests: x.tests, failures: x.failures, errors: x.errors_, skipped: 0, time: '0', timestamp })}>`);
    out('    <properties>');
    out(`      <property${attrs({ name: 'dprk-check.version', value: report.tool.version })}/>`);
    out(`      <property${attrs({ name: 'dprk-check.rulesVersion', value: report.tool.rulesVersion })}/>`);
    out(`      <property${attrs({ name: 'dprk-check.failOn', value: report.failOn })}/>`);
    out(`      <property${attrs({ name: 'dprk-check.redacted', value: String(report.redacted === true) })}/>`);
    out('    </properties>');
    for (const i of x.applicants) out(applicantCase(report.applicants.at(i)!, report, failRank));
    for (let r = 0; r < x.errors.length; r += 2) for (let e = x.errors[r]!; e < x.errors[r + 1]!; e++) out(errorCase(report.errors.at(e)!));
    out('  </testsuite>');
  }
  out('</testsuites>');
}

export const junitFormat = defineFormat({
  name: 'junit',
  description: 'JUnit XML for CI test tabs: a test per applicant, failing at or above --fail-on',
  redactByDefault: true,
  write: (report, _ctx, out) => writeJUnit(report, out),
});

export const toJUnit = (report: Report): string => junitFormat.format(report, { color: false, rulesCount: 0 });
