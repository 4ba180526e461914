import { defineFormat, lineWriter, type Emit } from './format.js';
import { DISCLAIMER } from './disclaimer.js';
import { firstErrors, levelAt, scoreAt, type ApplicantResult, type Report } from '../model/report.js';
import { levelRank, type Level } from '../model/levels.js';
import { oneLine, truncate } from './plain-text.js';
import { topFinding } from './finding-order.js';
import { errorSummary } from './error-reasons.js';

/**
 * A CI job summary ($GITHUB_STEP_SUMMARY): totals, the flagged applicants worst first, the records
 * that could not be checked. Tables are capped: the summary has a size limit and the JSON or CSV
 * report holds everything.
 */
export const MAX_ROWS = 200;

/** Table-safe: no line breaks, pipes and markdown/HTML syntax escaped, so a name cannot inject links or markup. */
export function mdCell(s: string): string {
  return oneLine(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~!])/g, '\\$1');
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

function flaggedRow(a: ApplicantResult, failRank: number): string {
  const top = topFinding(a);
  const level = levelRank(a.level) >= failRank ? `**${a.level}**` : a.level;
  const finding = top ? `${mdCell(truncate(top.title, 120))} (${code(top.ruleId)})` : '';
  return `| ${mdCell(a.id)} | ${level} | ${a.score} | ${a.findings.length} | ${finding} | ${mdCell(a.source)} |`;
}

export function writeMarkdown(report: Report, emit: Emit): void {
  const out = lineWriter(emit);
  const s = report.summary;
  const failRank = report.failOn === 'never' ? Infinity : levelRank(report.failOn);
  let atFail = 0;
  // Indices of the flagged, worst first: a table row is built only for those shown.
  const flagged: number[] = [];
  const apps = report.applicants;
  for (let i = 0; i < apps.length; i++) {
    const level = levelAt(apps, i);
    if (levelRank(level) >= failRank) atFail++;
    if (level !== 'none') flagged.push(i);
  }
  flagged.sort((x, y) => scoreAt(apps, y) - scoreAt(apps, x) || x - y);
  const headline =
    report.failOn === 'never'
      ? 'no fail level set'
      : `${atFail} of ${s.evaluated} checked applicant${s.evaluated === 1 ? '' : 's'} at or above ${report.failOn}`;
  out(`## dprk-check: ${headline}`);
  out('');
  const levels: Level[] = ['critical', 'high', 'medium', 'low', 'none'];
  out(`| Records | Checked | Could not check | ${levels.map((l) => l[0]!.toUpperCase() + l.slice(1)).join(' | ')} | Links |`);
  out(`|${' ---: |'.repeat(4 + levels.length)}`);
  out(`| ${s.total} | ${s.evaluated} | ${s.invalid} | ${levels.map((l) => s.byLevel[l]).join(' | ')} | ${report.links.length} |`);
  out('');
  if (flagged.length) {
    out(`### Flagged applicants (${flagged.length})`);
    out('');
    out('| Applicant | Level | Score | Findings | Top finding | Source |');
    out('| --- | --- | ---: | ---: | --- | --- |');
    for (const i of flagged.slice(0, MAX_ROWS)) out(flaggedRow(apps.at(i)!, failRank));
    if (flagged.length > MAX_ROWS) {
      out('');
      out(`… and ${flagged.length - MAX_ROWS} more; see the JSON or CSV report.`);
    }
    out('');
  } else if (s.evaluated > 0) {
    out('No applicant was flagged by the rules that could run.');
    out('');
  }
  if (report.errors.length) {
    out(`### Could not check (${report.errors.length})`);
    out('');
    out('| Source | Problem |');
    out('| --- | --- |');
    for (const e of firstErrors(report.errors, MAX_ROWS)) out(`| ${mdCell(e.source)} | ${mdCell(truncate(errorSummary(e), 1000))} |`);
    if (report.errors.length > MAX_ROWS) {
      out('');
      out(`… and ${report.errors.length - MAX_ROWS} more; see the JSON report.`);
    }
    out('');
  }
  const meta = [`dprk-check ${report.tool.version}`, `rules ${report.tool.rulesVersion}`, `--fail-on ${report.failOn}`];
  if (report.redacted) meta.push('personal data redacted');
  out(`<sub>${meta.map(mdCell).join(' · ')}</sub>`);
  out('');
  if (s.evaluated > 0) out(`> ${DISCLAIMER}`);
}

export const markdownFormat = defineFormat({
  name: 'markdown',
  description: 'Markdown summary for a CI job page ($GITHUB_STEP_SUMMARY)',
  redactByDefault: false,
  write: (report, _ctx, out) => writeMarkdown(report, out),
});

export const toMarkdown = (report: Report): string => markdownFormat.format(report, { color: false, rulesCount: 0 });
