import { defineFormat, type Emit } from './format.js';
import type { Report } from '../model/report.js';
import { oneLine, truncate } from './plain-text.js';
import { ruleIds, topFinding } from './finding-order.js';
import { errorSummary } from './error-reasons.js';

/**
 * One row per record for spreadsheets (RFC 4180: CRLF, quotes doubled), invalid records included
 * so every input row is accounted for. A UTF-8 byte-order mark lets Excel read accented names.
 */
export const CSV_COLUMNS = ['id', 'name', 'source', 'status', 'level', 'score', 'findings', 'rule_ids', 'top_finding'] as const;

/**
 * A cell a spreadsheet would run as a formula (= + - @, or a tab / CR that some strip first) is
 * prefixed with an apostrophe (OWASP "CSV injection"). Scores are plain non-negative numbers and
 * never need it.
 */
export function csvCell(value: string | number): string {
  let s = typeof value === 'number' ? String(value) : oneLine(value);
  if (typeof value === 'string' && (/^[=+\-@]/.test(s) || /^[\t\r]/.test(value))) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(cells: Array<string | number>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function writeCsv(report: Report, out: Emit): void {
  out(`\uFEFF${row([...CSV_COLUMNS])}`);
  for (const a of report.applicants) {
    const top = topFinding(a);
    out(
      row([
        a.id,
        a.name,
        a.source,
        'checked',
        a.level,
        a.score,
        a.findings.length,
        ruleIds(a).join(' '),
        top ? truncate(`${top.title}${top.message ? `: ${top.message}` : ''}`, 500) : '',
      ]),
    );
  }
  // The id column holds the record's own id when it had a readable one (else it stays empty); the
  // source (file#line, file[index]) says where it is in any case.
  // The last column says why: the error's message and its first problems, with where they are.
  for (const e of report.errors) out(row([e.id ?? '', '', e.source, 'invalid', '', '', '', '', truncate(errorSummary(e), 1000)]));
}

export const csvFormat = defineFormat({
  name: 'csv',
  description: 'one row per record for spreadsheets (each applicant, and each record that could not be checked)',
  redactByDefault: false,
  write: (report, _ctx, out) => writeCsv(report, out),
});

export const toCsv = (report: Report): string => csvFormat.format(report, { color: false, rulesCount: 0 });
