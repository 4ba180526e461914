import { defineFormat, lineWriter, type Emit } from './format.js';
import { levelAt, worstFirst, type ApplicantResult, type Report, type RunError } from '../model/report.js';
import { levelRank, type Level } from '../model/levels.js';
import type { SourceLocation } from '../model/source-location.js';
import { errorLocation, type ErrorPlace } from './source-location.js';
import { plainText, truncate } from './plain-text.js';
import { bySeverity } from './finding-order.js';
import { plural } from '../util/plural.js';
import { errorReasons, moreText } from './error-reasons.js';

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

function annotation(command: Command, at: SourceLocation | ErrorPlace | undefined, title: string, message: string): string {
  const props: string[] = [];
  if (at && at.file !== '<stdin>') {
    props.push(`file=${escapeProperty(at.file)}`);
    if (at.line !== undefined) props.push(`line=${at.line}`);
    if (at.line !== undefined && 'column' in at && at.column !== undefined) props.push(`col=${at.column}`);
  }
  props.push(`title=${escapeProperty(title)}`);
  return `::${command} ${props.join(',')}::${escapeData(truncate(message, 4000))}`;
}

function commandFor(level: Level, report: Report): Command {
  if (report.failOn !== 'never' && levelRank(level) >= levelRank(report.failOn)) return 'error';
  return level === 'low' ? 'notice' : 'warning';
}

function applicantMessage(a: ApplicantResult): string {
  const lines = bySeverity(a.findings).map((f) => `[${f.severity}] ${f.title} (${f.ruleId})${f.message ? `: ${f.message}` : ''}`);
  return [`Applicant ${a.id} (${a.source}): ${a.level}, score ${a.score}/100.`, ...lines, 'A signal for a person to verify, never a verdict.'].join('\n');
}

/** What the record is and why it could not be checked: one problem a line, as an applicant's findings. */
function errorMessage(e: RunError): string {
  // line= and col= carry where an array element starts (errorLocation): the message need not say it again.
  const { head, reasons, more } = errorReasons(e, { placed: true });
  return [`${e.source}: ${head}`, ...reasons, moreText(more)].filter(Boolean).join('\n');
}

/**
 * GitHub shows 10 error, 10 warning and 10 notice annotations per step and 50 per job
 * (actions/toolkit docs/problem-matchers.md, "Limitations"); more are dropped without a word. So
 * the worst of each kind are written, up to that cap, and the summary notice (the tenth notice)
 * says how many were left out and where to find them.
 */
export const ANNOTATIONS_PER_KIND = 10;

export function writeGithub(report: Report, emit: Emit): void {
  const out = lineWriter(emit);
  const cap: Record<Command, number> = { error: ANNOTATIONS_PER_KIND, warning: ANNOTATIONS_PER_KIND, notice: ANNOTATIONS_PER_KIND - 1 };
  const left: Record<Command, number> = { error: 0, warning: 0, notice: 0 };
  const emitOne = (command: Command, line: () => string) => {
    if (cap[command] > 0) {
      cap[command]--;
      out(line());
    } else left[command]++;
  };
  for (const e of report.errors) emitOne('error', () => annotation('error', errorLocation(e), 'dprk-check: record could not be checked', errorMessage(e)));
  const apps = report.applicants;
  const flagged: number[] = [];
  let at = 0;
  for (const a of apps)
    if (a.findings.length > 0) flagged.push(at++);
    else at++;
  worstFirst(apps, flagged);
  for (const i of flagged) {
    const command = commandFor(levelAt(apps, i), report);
    // Past what GitHub shows, only counted: the result is not read back.
    emitOne(command, () => {
      const a = apps.at(i)!;
      return annotation(command, a.location, `dprk-check: ${a.level} risk, applicant ${a.id}`, applicantMessage(a));
    });
  }
  const s = report.summary;
  const counts = (['critical', 'high', 'medium', 'low'] as const).map((l) => `${s.byLevel[l]} ${l}`).join(', ');
  const omitted = left.error + left.warning + left.notice;
  const omittedNote = omitted
    ? ` ${plural(omitted, 'annotation')} left out (${(['error', 'warning', 'notice'] as const)
        .filter((k) => left[k])
        .map((k) => `${left[k]} ${k}${left[k] === 1 ? '' : 's'}`)
        .join(', ')}): GitHub shows only ${ANNOTATIONS_PER_KIND} of each kind per step; the JSON, CSV or Markdown report lists every one.`
    : '';
  out(
    annotation(
      'notice',
      undefined,
      'dprk-check summary',
      `${plural(s.total, 'record')}: ${s.evaluated} checked (${counts}), ${s.invalid} could not be checked; --fail-on ${report.failOn}.${report.redacted ? ' Personal data redacted.' : ''}${omittedNote}`,
    ),
  );
}

export const githubFormat = defineFormat({
  name: 'github',
  description: `GitHub Actions workflow annotations (the worst ${ANNOTATIONS_PER_KIND} of each kind, as many as GitHub shows per step)`,
  redactByDefault: true,
  write: (report, _ctx, out) => writeGithub(report, out),
});

export const toGithub = (report: Report): string => githubFormat.format(report, { color: false, rulesCount: 0 });
