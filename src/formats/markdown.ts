import type { Formatter } from './format.js';
import type { ApplicantResult, Report } from '../model/report.js';
import { levelRank, type Level } from '../model/levels.js';
import { oneLine, truncate } from './plain-text.js';
import { topFinding } from './finding-order.js';

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

export function toMarkdown(report: Report): string {
  const s = report.summary;
  const failRank = report.failOn === 'never' ? Infinity : levelRank(report.failOn);
  const atFail = report.applicants.filter((a) => levelRank(a.level) >= failRank).length;
  const out: string[] = [];
  const headline = report.failOn === 'never' ? 'no fail level set' : `${atFail} of ${s.evaluated} checked applicant${s.evaluated === 1 ? '' : 's'} at or above ${report.failOn}`;
  out.push(`## dprk-check: ${headline}`, '');
  const levels: Level[] = ['critical', 'high', 'medium', 'low', 'none'];
  out.push(`| Records | Checked | Could not check | ${levels.map((l) => l[0]!.toUpperCase() + l.slice(1)).join(' | ')} | Links |`);
  out.push(`|${' ---: |'.repeat(4 + levels.length)}`);
  out.push(`| ${s.total} | ${s.evaluated} | ${s.invalid} | ${levels.map((l) => s.byLevel[l]).join(' | ')} | ${report.links.length} |`, '');

  const flagged = report.applicants
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => a.level !== 'none')
    .sort((x, y) => y.a.score - x.a.score || x.i - y.i)
    .map(({ a }) => a);
  if (flagged.length) {
    out.push(`### Flagged applicants (${flagged.length})`, '');
    out.push('| Applicant | Level | Score | Findings | Top finding | Source |', '| --- | --- | ---: | ---: | --- | --- |');
    for (const a of flagged.slice(0, MAX_ROWS)) out.push(flaggedRow(a, failRank));
    if (flagged.length > MAX_ROWS) out.push('', `… and ${flagged.length - MAX_ROWS} more; see the JSON or CSV report.`);
    out.push('');
  } else out.push('No applicant was flagged by the rules that could run.', '');

  if (report.errors.length) {
    out.push(`### Could not check (${report.errors.length})`, '');
    out.push('| Source | Problem |', '| --- | --- |');
    for (const e of report.errors.slice(0, MAX_ROWS)) out.push(`| ${mdCell(e.source)} | ${mdCell(truncate(e.message, 300))} |`);
    if (report.errors.length > MAX_ROWS) out.push('', `… and ${report.errors.length - MAX_ROWS} more; see the JSON report.`);
    out.push('');
  }
  const meta = [`dprk-check ${report.tool.version}`, `rules ${report.tool.rulesVersion}`, `--fail-on ${report.failOn}`];
  if (report.redacted) meta.push('personal data redacted');
  out.push(`<sub>${meta.map(mdCell).join(' · ')}</sub>`, '');
  out.push('> These are signals for a person to verify, not a verdict. Never reject anyone on this report alone, and never on nationality, ethnicity, name, language or where someone was born or studied.');
  return `${out.join('\n')}\n`;
}

export const markdownFormat: Formatter = {
  name: 'markdown',
  description: 'Markdown summary for a CI job page ($GITHUB_STEP_SUMMARY)',
  redactByDefault: false,
  format: (report) => toMarkdown(report),
};
