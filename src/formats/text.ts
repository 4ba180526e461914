import { Chalk, type ChalkInstance } from 'chalk';
import { defineFormat, lineWriter, type Emit, type FormatContext } from './format.js';
import { DISCLAIMER } from './disclaimer.js';
import { escapeControls as t, stripAnsi } from './plain-text.js';
import { levelAt, worstFirst, type ApplicantResult, type Link, type LinkList, type Report } from '../model/report.js';
import type { Finding } from '../model/finding.js';
import { FAMILIES, levelRank, type Level, type Severity } from '../model/levels.js';
import { topFinding } from './finding-order.js';
import { evidenceText, referenceText } from './evidence.js';
import { formatDiagnostic } from '../model/diagnostic.js';
import { LEVEL_THRESHOLDS } from '../score/score.js';
import { plural } from '../util/plural.js';
import { earlierCheckText, reviewText } from './review.js';

function paint(c: ChalkInstance) {
  const level: Record<Level | Severity, (s: string) => string> = {
    none: c.green,
    info: c.gray,
    low: c.cyan,
    medium: c.yellow,
    high: c.red,
    critical: (s) => c.bgRed.white.bold(s),
  };
  return level;
}

function severityOrder(s: Severity): number {
  return ['critical', 'high', 'medium', 'low', 'info'].indexOf(s);
}

const INDENT = '      ';
const LABEL_WIDTH = 10;

/** Word-wrap `text` to `width` with a hanging indent; no wrapping when the width is unknown (pipes). */
export function wrap(text: string, width: number | undefined, firstPrefix: string, restPrefix: string): string[] {
  if (!width || width < 40) return [firstPrefix + text];
  const lines: string[] = [];
  let line = '';
  let prefix = firstPrefix;
  const room = (p: string) => width - stripAnsi(p).length;
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > room(prefix)) {
      lines.push(prefix + line);
      prefix = restPrefix;
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(prefix + line);
  return lines;
}

function findingLines(f: Finding, c: ChalkInstance, width: number | undefined): string[] {
  const lv = paint(c);
  const out = [`  ${lv[f.severity](`● ${f.severity.toUpperCase()}`)}  ${c.bold(t(f.title))}  ${c.dim(t(f.ruleId))}`];
  const hang = INDENT + ' '.repeat(LABEL_WIDTH);
  const labelled = (label: string, text: string) => wrap(t(text), width, `${INDENT}${c.dim(label.padEnd(LABEL_WIDTH))}`, hang);
  if (f.message) out.push(...wrap(t(f.message), width, INDENT, INDENT));
  for (const e of f.evidence.slice(0, 6)) out.push(...labelled('evidence', evidenceText(e)));
  if (f.evidence.length > 6) out.push(`${hang}${c.dim(`… and ${f.evidence.length - 6} more`)}`);
  out.push(...labelled('verify', f.next));
  for (const r of f.references.slice(0, 2)) out.push(...labelled('source', referenceText(r)));
  if (f.falsepositives.length) out.push(...labelled('benign', f.falsepositives.join('; ')));
  return out;
}

function scoreExplanation(a: ApplicantResult): string {
  if (a.contributions.length === 0) return 'No scored findings.';
  // Three decimals: two would round 0.765 up to 0.77 beside a score of 76.
  const parts = a.contributions.map((x) => `${x.family} ${x.strength.toFixed(3)}`);
  const formula = a.contributions.length > 1 ? ` → 1 − ${a.contributions.map((x) => `(1 − ${x.strength.toFixed(3)})`).join('·')}` : '';
  const bands = LEVEL_THRESHOLDS.map(([l, m]) => `${l} ≥ ${m}`).join(', ');
  return `Family strengths: ${parts.join(', ')}${formula} = ${a.score}/100 (${bands}).`;
}

function applicantBlock(a: ApplicantResult, c: ChalkInstance, width?: number): string[] {
  const lv = paint(c);
  const out: string[] = [];
  out.push(`${c.bold(`Applicant ${t(a.id)}`)} — ${t(a.name)}  ${c.dim(t(a.source))}`);
  out.push(`Risk: ${lv[a.level](c.bold(a.level.toUpperCase()))} (score ${a.score}/100, ${plural(a.findings.length, 'finding')})`);
  for (const w of a.warnings) out.push(c.yellow(`  warning: ${t(w.message)}`));
  // --history: the decision in force and the earlier checks, before the findings they bear on.
  const review = reviewText(a);
  if (review) out.push(...wrap(t(`Review: ${review}`), width, '', '  '));
  if (a.history?.length) {
    out.push('Earlier checks:');
    for (const h of a.history) out.push(`  ${c.dim('–')} ${t(earlierCheckText(h))}`);
  }
  out.push('');
  for (const family of FAMILIES) {
    const fs = a.findings.filter((f) => f.family === family).sort((x, y) => severityOrder(x.severity) - severityOrder(y.severity));
    if (fs.length === 0) continue;
    out.push(c.bold.underline(family.toUpperCase()));
    for (const f of fs) out.push(...findingLines(f, c, width), '');
  }
  if (a.findings.length === 0) out.push(c.green('No red flags found by the rules that could run.'), '');
  if (a.suppressed?.length) {
    out.push(c.bold('Suppressed by configured exceptions'));
    for (const x of a.suppressed)
      out.push(...wrap(t(`${x.ruleId} (${x.severity}) ${x.title} — exception '${x.exception}' (${x.source}): ${x.reason}`), width, `  ${c.dim('–')} `, '    '));
    out.push('');
  }
  if (a.explained?.length) {
    out.push(c.bold('Explained by the declaration (shown, not scored)'));
    for (const x of a.explained) out.push(...wrap(t(`${x.ruleId} (${x.severity}) ${x.title} — ${x.because}`), width, `  ${c.dim('–')} `, '    '));
    out.push('');
  }
  if (a.notEvaluated.length) {
    out.push(c.bold('Not checked (no data)'));
    for (const n of a.notEvaluated) out.push(...wrap(t(n), width, `  ${c.dim('–')} `, '    '));
    out.push('');
  }
  if (a.coverage) out.push(...wrap(t(`Coverage: ${a.coverage}.`), width, '', '  '), '');
  // "No red flags found" already says there is nothing to score.
  if (a.findings.length) out.push(...wrap(scoreExplanation(a), width, '', '').map((l) => c.dim(l)));
  return out;
}

/** Line by line, never whole: the records a run could not check may be millions. */
function* errorBlock(report: Report, c: ChalkInstance): Generator<string> {
  if (report.errors.length === 0) return;
  const { invalid, unreadable = 0 } = report.summary;
  const heads = [invalid ? `Could not check ${plural(invalid, 'record')}` : '', unreadable ? `Could not read ${plural(unreadable, 'input')}` : ''];
  yield '';
  yield c.red.bold(`${heads.filter(Boolean).join('; ') || `Could not check ${report.errors.length}`}:`);
  for (const e of report.errors) {
    // A read error is one diagnostic with the same message: its position belongs on the head line.
    const own = e.diagnostics.find((d) => d.message === e.message && d.line);
    // An array element's message names where it starts (element 3 (line 9, column 3)): the source alone heads it.
    const where = own && e.location.index === undefined ? `${e.source}:${own.line}${own.column ? `:${own.column}` : ''}` : e.source;
    // An NDJSON source already names its line (file#12); the position adds the column only.
    const head = own && e.location.line !== undefined ? `${e.source}${own.column ? `:${own.column}` : ''}` : where;
    yield `  ${c.bold(t(head))}: ${t(e.message)}`;
    for (const d of e.diagnostics.slice(0, 20)) {
      if (d.message === e.message) continue;
      // Escape the parts from the record, not the newline formatDiagnostic puts before the hint.
      const file = d.line ? e.location.file : undefined;
      const shown = formatDiagnostic({
        ...d,
        message: t(d.message),
        ...(file !== undefined ? { file: t(file) } : {}),
        ...(d.hint !== undefined ? { hint: t(d.hint) } : {}),
      });
      for (const line of shown.split('\n')) yield `    ${line}`;
    }
  }
}

/** Cross-applicant links (batch runs): what is shared, by whom, and how much it weighs. */
function linksBlock(report: Report, c: ChalkInstance): string[] {
  const total = report.links.length;
  if (total === 0) return [];
  const lv = paint(c);
  const out = ['', c.bold(`Links between applicants (${total})`)];
  for (const l of worstLinks(report.links, 50)) {
    // A severity outside the model (a hand-made report, as worstLinks allows) is shown as written, uncoloured.
    const sev = l.severity ? (lv[l.severity] ?? String)(String(l.severity).toUpperCase().padEnd(8)) : ''.padEnd(8);
    const scope = l.scope ? c.dim(` [${l.scope}]`) : '';
    out.push(`  ${sev} ${t(l.kind)}: ${t(l.applicants.join(', '))}${scope}`);
    out.push(`           ${c.dim(t(`shared value: ${l.value}${l.note ? ` — ${l.note}` : ''}`))}`);
  }
  if (total > 50) out.push(c.dim(`  … and ${total - 50} more (see --format json)`));
  return out;
}

const LINK_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

/**
 * The first `n` links by severity, report order within one (what a stable sort would show), in
 * one pass keeping at most `n` of each severity: the list may be on disk and long.
 */
function worstLinks(links: LinkList, n: number): Link[] {
  // indexOf is -1 for a severity not in the list (a hand-made report): those come first, as they sorted.
  const kept: Link[][] = Array.from({ length: LINK_ORDER.length + 1 }, () => []);
  for (const l of links) {
    const bucket = kept[LINK_ORDER.indexOf(l.severity ?? 'info') + 1]!;
    if (bucket.length < n) bucket.push(l);
  }
  return kept.flat().slice(0, n);
}

/** Positions of the applicants to show, worst first: level, then score, then input order. */
function byRisk(report: Report, onlyFlagged: boolean): { shown: number[]; hidden: number } {
  const apps = report.applicants;
  const failRank = report.failOn === 'never' ? Infinity : levelRank(report.failOn);
  const shown: number[] = [];
  for (let i = 0; i < apps.length; i++) if (!onlyFlagged || levelRank(levelAt(apps, i)) >= failRank) shown.push(i);
  worstFirst(apps, shown);
  return { shown, hidden: apps.length - shown.length };
}

const NAME_WIDTH = 32;
const TOP_WIDTH = 60;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** One line per applicant, worst first; column widths measured in a pass of their own (no spread over a million rows). */
function summaryTable(report: Report, shown: number[], c: ChalkInstance, out: (line: string) => void): void {
  const lv = paint(c);
  const header = ['applicant', 'name', 'level', 'score', 'findings', 'top finding', 'source'];
  const cells = (a: ApplicantResult) => {
    const top = topFinding(a);
    return [t(a.id), clip(t(a.name), NAME_WIDTH), a.level, String(a.score), String(a.findings.length), top ? clip(t(top.title), TOP_WIDTH) : '', t(a.source)];
  };
  const widths = header.map((h) => h.length);
  // Measured in input order (a spilled report reads results back in blocks), for the rows shown.
  const isShown = new Uint8Array(report.applicants.length);
  for (const i of shown) isShown[i] = 1;
  let at = 0;
  for (const a of report.applicants) {
    if (!isShown[at++]) continue;
    const r = cells(a);
    for (let k = 0; k < r.length; k++) if (r[k]!.length > widths[k]!) widths[k] = r[k]!.length;
  }
  const last = header.length - 1;
  const line = (r: string[], color?: (s: string) => string) =>
    r.map((cell, k) => (k === last ? cell : k === 2 && color ? color(cell.padEnd(widths[k]!)) : cell.padEnd(widths[k]!))).join('  ');
  out(c.bold(line(header)));
  for (const i of shown) {
    const a = report.applicants.at(i)!;
    out(line(cells(a), lv[a.level]));
  }
}

function writeText(report: Report, ctx: FormatContext, emit: Emit): void {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const out = lineWriter(emit);
  const outAll = (lines: Iterable<string>) => {
    for (const l of lines) out(l);
  };
  // A merged report has no rule set of its own loaded: say nothing rather than "(0 rules)".
  const count = ctx.rulesCount > 0 ? ` (${plural(ctx.rulesCount, 'rule')})` : '';
  out(c.dim(`dprk-check ${t(report.tool.version)} · rules ${t(report.tool.rulesVersion)}${count}${report.redacted ? ' · personal data redacted' : ''}`));
  out('');
  const { shown, hidden } = byRisk(report, ctx.onlyFlagged === true);
  if (shown.length === 1 && report.applicants.length === 1 && report.errors.length === 0) {
    outAll(applicantBlock(report.applicants.at(0)!, c, ctx.width));
  } else if (ctx.details || shown.length <= 3) {
    // One block after another, built as it is written: --details over a whole export stays small.
    for (const i of shown) outAll([...applicantBlock(report.applicants.at(i)!, c, ctx.width), '', c.dim('─'.repeat(60)), '']);
  } else {
    summaryTable(report, shown, c, out);
    out('');
    out(c.dim("Worst first. --details shows every applicant's findings, evidence and what to verify."));
  }
  if (hidden > 0) {
    out('');
    out(c.dim(`${plural(hidden, 'applicant')} below --fail-on ${report.failOn} not shown (--only-flagged); every one is counted below.`));
  }
  outAll(linksBlock(report, c));
  outAll(errorBlock(report, c));
  if (report.skipped?.length) {
    out('');
    out(
      c.dim(
        `Skipped ${report.skipped.length} file${report.skipped.length === 1 ? ' that is' : 's that are'} not applicant data: ${report.skipped
          .slice(0, 5)
          .map((k) => t(k.path))
          .join(', ')}${report.skipped.length > 5 ? ', …' : ''}`,
      ),
    );
  }
  if (report.interrupted) {
    out('');
    out(c.yellow('Interrupted: this report covers only the records read before the run was stopped (Ctrl-C or SIGTERM).'));
  }
  if (report.sources) outAll(sourcesBlock(report.sources, c));
  const s = report.summary;
  const counts = (['critical', 'high', 'medium', 'low', 'none'] as Level[]).filter((l) => s.byLevel[l]).map((l) => `${s.byLevel[l]} ${l}`);
  const unread = s.unreadable ? `; ${plural(s.unreadable, 'input')} could not be read` : '';
  out('');
  out(`${plural(s.total, 'record')}: ${s.evaluated} checked${counts.length ? ` (${counts.join(', ')})` : ''}, ${s.invalid} could not be checked${unread}.`);
  // Said under applicants only: with nothing checked there is nothing to weigh.
  if (s.evaluated > 0) outAll(wrap(DISCLAIMER, ctx.width, '', '').map((l) => c.italic(l)));
}

/** Joined runs: where every source record went, per file, and the records that joined nobody. */
function sourcesBlock(s: NonNullable<Report['sources']>, c: ChalkInstance): string[] {
  const out = [
    '',
    c.bold('Sources'),
    `  ${s.records} source record${s.records === 1 ? '' : 's'}: ${s.joined} joined, ${s.unjoined} unjoined, ${plural(s.errors, 'error')}`,
  ];
  for (const f of s.files) {
    out.push(`  ${t(f.file)} (${f.format}): ${f.records} = ${f.joined} joined + ${f.unjoined} unjoined + ${plural(f.errors, 'error')}`);
    if (f.dropped?.length) out.push(c.dim(`    dropped at the door (never used): ${t(f.dropped.join(', '))}`));
    for (const w of f.warnings?.slice(0, 5) ?? []) out.push(c.dim(`    note: ${t(w)}`));
  }
  if (s.unjoinedRecords.length) {
    out.push('  Unjoined (no applicant claims them; add them to --people if they should):');
    for (const u of s.unjoinedRecords.slice(0, 20)) out.push(`    ${t(u.source)}  ${t(u.who)}`);
    if (s.unjoinedRecords.length > 20) out.push(c.dim(`    … and ${s.unjoinedRecords.length - 20} more (see --format json)`));
  }
  return out;
}

export const textFormat = defineFormat({
  name: 'text',
  description: 'readable report for people (colour on a terminal)',
  redactByDefault: false,
  write: writeText,
});
