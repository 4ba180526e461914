import type { Formatter } from './format.js';
import type { ApplicantResult, Report, RunError } from '../model/report.js';
import type { Finding } from '../model/finding.js';
import { levelRank } from '../model/levels.js';
import { evidenceText } from './evidence.js';
import { errorLocation, parseSource } from './source-location.js';
import { oneLine, plainText } from './plain-text.js';
import { bySeverity } from './finding-order.js';

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
  cases: string[];
  tests: number;
  failures: number;
  errors: number;
}

export function toJUnit(report: Report): string {
  const suites = new Map<string, Suite>();
  const suite = (file: string): Suite => {
    let s = suites.get(file);
    if (!s) suites.set(file, (s = { file, cases: [], tests: 0, failures: 0, errors: 0 }));
    return s;
  };
  const failRank = report.failOn === 'never' ? Infinity : levelRank(report.failOn);
  for (const a of report.applicants) {
    const at = parseSource(a.source);
    const s = suite(at.file);
    s.tests++;
    const head = `    <testcase${attrs({ name: a.id, classname: at.file, file: at.file, line: at.line, time: '0' })}`;
    if (levelRank(a.level) >= failRank) {
      s.failures++;
      const message = `${a.level} risk (score ${a.score}/100, ${a.findings.length} finding${a.findings.length === 1 ? '' : 's'}) at or above --fail-on ${report.failOn}`;
      s.cases.push(`${head}>\n      <failure${attrs({ message, type: a.level })}>${xmlText(applicantDetail(a))}</failure>\n    </testcase>`);
    } else if (a.findings.length) {
      // Below the fail level: passes, with the findings kept for whoever opens the test.
      s.cases.push(`${head}>\n      <system-out>${xmlText(applicantDetail(a))}</system-out>\n    </testcase>`);
    } else s.cases.push(`${head}/>`);
  }
  for (const e of report.errors) addError(e);
  function addError(e: RunError): void {
    const at = errorLocation(e);
    const su = suite(at.file);
    su.tests++;
    su.errors++;
    const detail = [e.message, ...e.diagnostics.filter((d) => d.message !== e.message).map((d) => `${d.line ? `${d.line}:${d.column ?? 1} ` : ''}${d.message}`)].join('\n');
    su.cases.push(
      `    <testcase${attrs({ name: e.source, classname: at.file, file: at.file, line: at.line, time: '0' })}>\n      <error${attrs({ message: oneLine(e.message), type: e.diagnostics[0]?.code ?? 'input-invalid' })}>${xmlText(detail)}</error>\n    </testcase>`,
    );
  }
  const timestamp = report.generatedAt.slice(0, 19);
  const all = [...suites.values()];
  const sum = (k: 'tests' | 'failures' | 'errors') => all.reduce((n, x) => n + x[k], 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites${attrs({ name: 'dprk-check', tests: sum('tests'), failures: sum('failures'), errors: sum('errors'), skipped: 0, time: '0', timestamp })}>`);
  for (const x of all) {
    out.push(`  <testsuite${attrs({ name: x.file, tests: x.tests, failures: x.failures, errors: x.errors, skipped: 0, time: '0', timestamp })}>`);
    out.push('    <properties>');
    out.push(`      <property${attrs({ name: 'dprk-check.version', value: report.tool.version })}/>`);
    out.push(`      <property${attrs({ name: 'dprk-check.rulesVersion', value: report.tool.rulesVersion })}/>`);
    out.push(`      <property${attrs({ name: 'dprk-check.failOn', value: report.failOn })}/>`);
    out.push(`      <property${attrs({ name: 'dprk-check.redacted', value: String(report.redacted === true) })}/>`);
    out.push('    </properties>');
    out.push(...x.cases);
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

export const junitFormat: Formatter = {
  name: 'junit',
  description: 'JUnit XML for CI test tabs: a test per applicant, failing at or above --fail-on',
  redactByDefault: true,
  format: (report) => toJUnit(report),
};
