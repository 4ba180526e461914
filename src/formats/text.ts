import { Chalk, type ChalkInstance } from 'chalk';
import type { Formatter, FormatContext } from './format.js';
import type { ApplicantResult, Report } from '../model/report.js';
import type { Finding } from '../model/finding.js';
import { FAMILIES, type Level, type Severity } from '../model/levels.js';
import { evidenceText, referenceText } from './evidence.js';
import { formatDiagnostic } from '../model/diagnostic.js';
import { LEVEL_THRESHOLDS } from '../score/score.js';

const DISCLAIMER =
  'These are signals for a person to verify, not a verdict. Never reject anyone on this report alone, and never on nationality, ethnicity, name, language or where someone was born or studied.';

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

const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

function findingLines(f: Finding, c: ChalkInstance, width: number | undefined): string[] {
  const lv = paint(c);
  const out = [`  ${lv[f.severity](`● ${f.severity.toUpperCase()}`)}  ${c.bold(f.title)}  ${c.dim(f.ruleId)}`];
  const hang = INDENT + ' '.repeat(LABEL_WIDTH);
  const labelled = (label: string, text: string) => wrap(text, width, `${INDENT}${c.dim(label.padEnd(LABEL_WIDTH))}`, hang);
  if (f.message) out.push(...wrap(f.message, width, INDENT, INDENT));
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
  out.push(`${c.bold(`Applicant ${a.id}`)} — ${a.name}  ${c.dim(a.source)}`);
  out.push(`Risk: ${lv[a.level](c.bold(a.level.toUpperCase()))} (score ${a.score}/100, ${a.findings.length} finding${a.findings.length === 1 ? '' : 's'})`);
  for (const w of a.warnings) out.push(c.yellow(`  warning: ${w.message}`));
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
    for (const x of a.suppressed) out.push(...wrap(`${x.ruleId} (${x.severity}) ${x.title} — exception '${x.exception}' (${x.source}): ${x.reason}`, width, `  ${c.dim('–')} `, '    '));
    out.push('');
  }
  if (a.explained?.length) {
    out.push(c.bold('Explained by the declaration (shown, not scored)'));
    for (const x of a.explained) out.push(...wrap(`${x.ruleId} (${x.severity}) ${x.title} — ${x.because}`, width, `  ${c.dim('–')} `, '    '));
    out.push('');
  }
  if (a.notEvaluated.length) {
    out.push(c.bold('Not checked (no data)'));
    for (const n of a.notEvaluated) out.push(...wrap(n, width, `  ${c.dim('–')} `, '    '));
    out.push('');
  }
  if (a.coverage) out.push(...wrap(`Coverage: ${a.coverage}.`, width, '', '  '), '');
  out.push(...wrap(scoreExplanation(a), width, '', '').map((l) => c.dim(l)));
  return out;
}

function errorBlock(report: Report, c: ChalkInstance): string[] {
  if (report.errors.length === 0) return [];
  const out = ['', c.red.bold(`Could not check ${report.errors.length} record${report.errors.length === 1 ? '' : 's'}:`)];
  for (const e of report.errors) {
    // A read error is one diagnostic with the same message: its position belongs on the head line.
    const own = e.diagnostics.find((d) => d.message === e.message && d.line);
    const where = own ? `${e.source}:${own.line}${own.column ? `:${own.column}` : ''}` : e.source;
    // An NDJSON source already names its line (file#12); the position adds the column only.
    const ndjson = /#\d+$/.test(e.source);
    const head = own && ndjson ? `${e.source}${own.column ? `:${own.column}` : ''}` : where;
    out.push(`  ${c.bold(head)}: ${e.message}`);
    for (const d of e.diagnostics.slice(0, 20)) {
      if (d.message === e.message) continue;
      out.push(`    ${formatDiagnostic({ ...d, file: d.line ? e.source.replace(/(\[\d+\]|#\d+)$/, '') : undefined })}`);
    }
  }
  return out;
}

/** Cross-applicant links (batch runs): what is shared, by whom, and how much it weighs. */
function linksBlock(report: Report, c: ChalkInstance): string[] {
  if (report.links.length === 0) return [];
  const lv = paint(c);
  const order = (l: Report['links'][number]) => ['critical', 'high', 'medium', 'low', 'info'].indexOf(l.severity ?? 'info');
  const links = [...report.links].sort((a, b) => order(a) - order(b));
  const out = ['', c.bold(`Links between applicants (${links.length})`)];
  for (const l of links.slice(0, 50)) {
    const sev = l.severity ? lv[l.severity](l.severity.toUpperCase().padEnd(8)) : ''.padEnd(8);
    const scope = l.scope ? c.dim(` [${l.scope}]`) : '';
    out.push(`  ${sev} ${l.kind}: ${l.applicants.join(', ')}${scope}`);
    out.push(`           ${c.dim(`shared value: ${l.value}${l.note ? ` — ${l.note}` : ''}`)}`);
  }
  if (links.length > 50) out.push(c.dim(`  … and ${links.length - 50} more (see --format json)`));
  return out;
}

function summaryTable(report: Report, c: ChalkInstance): string[] {
  const lv = paint(c);
  const rows = report.applicants.map((a) => [a.id, a.level, String(a.score), String(a.findings.length), a.source]);
  const header = ['applicant', 'level', 'score', 'findings', 'source'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[], color?: (s: string) => string) =>
    r.map((cell, i) => (i === 1 && color ? color(cell.padEnd(widths[i]!)) : cell.padEnd(widths[i]!))).join('  ');
  return [c.bold(line(header)), ...rows.map((r) => line(r, lv[r[1] as Level]))];
}

function format(report: Report, ctx: FormatContext): string {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const out: string[] = [];
  // A merged report has no rule set of its own loaded: say nothing rather than "(0 rules)".
  const count = ctx.rulesCount > 0 ? ` (${ctx.rulesCount} rules)` : '';
  out.push(c.dim(`dprk-check ${report.tool.version} · rules ${report.tool.rulesVersion}${count}${report.redacted ? ' · personal data redacted' : ''}`), '');
  if (report.applicants.length === 1 && report.errors.length === 0) {
    out.push(...applicantBlock(report.applicants[0]!, c, ctx.width));
  } else if (report.applicants.length <= 3) {
    for (const a of report.applicants) out.push(...applicantBlock(a, c, ctx.width), '', c.dim('─'.repeat(60)), '');
  } else {
    out.push(...summaryTable(report, c));
  }
  out.push(...linksBlock(report, c));
  out.push(...errorBlock(report, c));
  if (report.skipped?.length) {
    out.push('', c.dim(`Skipped ${report.skipped.length} file${report.skipped.length === 1 ? ' that is' : 's that are'} not applicant data: ${report.skipped.slice(0, 5).map((k) => k.path).join(', ')}${report.skipped.length > 5 ? ', …' : ''}`));
  }
  if (report.interrupted) out.push('', c.yellow('Interrupted: this report covers only the records read before Ctrl-C.'));
  const s = report.summary;
  const counts = (['critical', 'high', 'medium', 'low', 'none'] as Level[]).filter((l) => s.byLevel[l]).map((l) => `${s.byLevel[l]} ${l}`);
  out.push('', `${s.total} record${s.total === 1 ? '' : 's'}: ${s.evaluated} checked${counts.length ? ` (${counts.join(', ')})` : ''}, ${s.invalid} could not be checked.`);
  out.push(...wrap(DISCLAIMER, ctx.width, "", "").map((l) => c.italic(l)));
  return `${out.join('\n')}\n`;
}

export const textFormat: Formatter = {
  name: 'text',
  description: 'readable report for people (colour on a terminal)',
  redactByDefault: false,
  format,
};
