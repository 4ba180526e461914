import type { Formatter } from './format.js';
import type { ApplicantResult, Report } from '../model/report.js';
import { levelRank } from '../model/levels.js';
import { errorLocation, parseSource, type SourceLocation } from './source-location.js';
import { plainText, truncate } from './plain-text.js';
import { bySeverity } from './finding-order.js';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`) that GitHub turns
 * into annotations. GitHub shows only the first few of each kind per step, so the worst come first.
 */

/** Message data: %, CR and LF must be escaped (actions/toolkit `escapeData`). */
export function escapeData(s: string): string {
  return plainText(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also escape `:` and `,`, which end a property (actions/toolkit `escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

type Command = 'error' | 'warning' | 'notice';

function annotation(command: Command, at: SourceLocation | undefined, title: string, message: string): string {
  const props: string[] = [];
  if (at && at.file !== '<stdin>') {
    props.push(`file=${escapeProperty(at.file)}`);
    if (at.line !== undefined) props.push(`line=${at.line}`);
  }
  props.push(`title=${escapeProperty(title)}`);
  return `::${command} ${props.join(',')}::${escapeData(truncate(message, 4000))}`;
}

function applicantCommand(a: ApplicantResult, report: Report): Command {
  if (report.failOn !== 'never' && levelRank(a.level) >= levelRank(report.failOn)) return 'error';
  return a.level === 'low' ? 'notice' : 'warning';
}

function applicantMessage(a: ApplicantResult): string {
  const lines = bySeverity(a.findings).map((f) => `[${f.severity}] ${f.title} (${f.ruleId})${f.message ? `: ${f.message}` : ''}`);
  return [`Applicant ${a.id} (${a.source}): ${a.level}, score ${a.score}/100.`, ...lines, 'A signal for a person to verify, never a verdict.'].join('\n');
}

export function toGithub(report: Report): string {
  const out: string[] = [];
  for (const e of report.errors) out.push(annotation('error', errorLocation(e), 'dprk-check: record could not be checked', `${e.source}: ${e.message}`));
  const flagged = report.applicants
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => a.findings.length > 0)
    .sort((x, y) => levelRank(y.a.level) - levelRank(x.a.level) || y.a.score - x.a.score || x.i - y.i);
  for (const { a } of flagged) {
    out.push(annotation(applicantCommand(a, report), parseSource(a.source), `dprk-check: ${a.level} risk, applicant ${a.id}`, applicantMessage(a)));
  }
  const s = report.summary;
  const counts = (['critical', 'high', 'medium', 'low'] as const).map((l) => `${s.byLevel[l]} ${l}`).join(', ');
  out.push(annotation('notice', undefined, 'dprk-check summary', `${s.total} record${s.total === 1 ? '' : 's'}: ${s.evaluated} checked (${counts}), ${s.invalid} could not be checked; --fail-on ${report.failOn}.${report.redacted ? ' Personal data redacted.' : ''}`));
  return `${out.join('\n')}\n`;
}

export const githubFormat: Formatter = {
  name: 'github',
  description: 'GitHub Actions workflow annotations',
  redactByDefault: true,
  format: (report) => toGithub(report),
};
