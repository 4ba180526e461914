import type { Formatter } from './format.js';
import type { Report } from '../model/report.js';
import { oneLine, truncate } from './plain-text.js';
import { ruleIds, topFinding } from './finding-order.js';

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

export function toCsv(report: Report): string {
  const rows: Array<Array<string | number>> = [[...CSV_COLUMNS]];
  for (const a of report.applicants) {
    const top = topFinding(a);
    rows.push([
      a.id, a.name, a.source, 'checked', a.level, a.score, a.findings.length, ruleIds(a).join(' '),
      top ? truncate(`${top.title}${top.message ? `: ${top.message}` : ''}`, 500) : '',
    ]);
  }
  for (const e of report.errors) rows.push(['', '', e.source, 'invalid', '', '', '', '', truncate(e.message, 500)]);
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export const csvFormat: Formatter = {
  name: 'csv',
  description: 'one row per applicant for spreadsheets',
  redactByDefault: false,
  format: (report) => toCsv(report),
};
