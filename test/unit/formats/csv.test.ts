import { describe, expect, test } from 'vitest';
import { CSV_COLUMNS, csvCell, toCsv } from '../../../src/formats/csv.js';
import { fixtureReport } from '../../helpers/fixture-report.js';
import { parseCsv } from '../../helpers/csv-parse.js';

describe('csv', () => {
  const { report } = fixtureReport();
  const text = toCsv(report);
  const rows = parseCsv(text);
  const byId = (id: string) => rows.find((r) => r[0] === id)!;
  const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);

  test('parses back as RFC 4180: a header and one row per record, all the same width', () => {
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + report.applicants.length + report.errors.length);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
  });

  test('one row per applicant with level, score, findings and rule ids; invalid records too', () => {
    const r = byId('cand-1042');
    expect(r[col('source')]).toBe('exports/batch.ndjson#3');
    expect(r[col('level')]).toBe(report.applicants[0]!.level);
    expect(r[col('score')]).toBe(String(report.applicants[0]!.score));
    expect(r[col('findings')]).toBe('6');
    expect(r[col('rule_ids')]!.split(' ')).toContain('payroll.crypto-payout');
    expect(r[col('name')]).toBe('Jordan A. Miller');
    const invalid = rows.filter((x) => x[col('status')] === 'invalid').map((x) => x[col('source')]);
    expect(invalid).toEqual(['exports/batch.ndjson#5', 'exports/b.json']);
  });

  test('an invalid row carries the id of its record when the record had a readable one, and no other', () => {
    const invalid = rows.filter((x) => x[col('status')] === 'invalid').map((x) => [x[col('id')], x[col('source')]]);
    expect(invalid).toEqual([
      ['', 'exports/batch.ndjson#5'],
      ['cand-5005', 'exports/b.json'],
    ]);
  });

  test('the top finding is the most severe one, on one line without control characters', () => {
    const top = byId('cand-4004')[col('top_finding')]!;
    expect(top.startsWith('Salary to a crypto wallet: Paid to')).toBe(true);
    expect(top).not.toMatch(/[\r\n\u0007\u001b]/);
    expect(top).toContain('second line');
  });

  test('defuses spreadsheet formulas', () => {
    expect(byId('cand-4004')[col('name')]).toBe('\'=HYPERLINK("http://evil.example","Seán O\'Brien")');
    for (const bad of ['=1+1', '+1 614', '-2', '@SUM(A1)', '\t=1']) expect(parseCsv(`${csvCell(bad)}\r\n`)[0]![0]!.startsWith("'")).toBe(true);
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell(42)).toBe('42');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });
});
