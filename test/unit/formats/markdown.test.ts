import { describe, expect, test } from 'vitest';
import { MAX_ROWS, mdCell, toMarkdown } from '../../../src/formats/markdown.js';
import { fixtureReport } from '../../helpers/fixture-report.js';
import type { ApplicantResult } from '../../../src/model/report.js';

/** Cells of a markdown table row, splitting on pipes that are not escaped. */
const cells = (line: string) =>
  line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

function table(md: string, heading: string): string[][] {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  const rows: string[][] = [];
  for (let i = lines.findIndex((l, k) => k > start && l.startsWith('|')); i >= 0 && lines[i]?.startsWith('|'); i++) rows.push(cells(lines[i]!));
  return rows;
}

describe('markdown', () => {
  const { report } = fixtureReport();
  const md = toMarkdown(report);

  test('totals table adds up with the report summary', () => {
    const [head, , values] = table(md, '## dprk-check');
    expect(head).toEqual(['Records', 'Checked', 'Could not check', 'Critical', 'High', 'Medium', 'Low', 'None', 'Links']);
    const s = report.summary;
    expect(values!.map(Number)).toEqual([
      s.total,
      s.evaluated,
      s.invalid,
      s.byLevel.critical,
      s.byLevel.high,
      s.byLevel.medium,
      s.byLevel.low,
      s.byLevel.none,
      1,
    ]);
    expect(md).toContain('## dprk-check: 2 of 4 checked applicants at or above high');
  });

  test('flagged applicants, worst first, fail-level ones in bold; clean ones left out', () => {
    const rows = table(md, '### Flagged applicants').slice(2);
    expect(rows.map((r) => r[0])).toEqual(['cand-4004', 'cand-1042', 'cand-2001']);
    expect(rows[0]![1]).toBe('**critical**');
    expect(rows[2]![1]).toBe('medium');
    for (const r of rows) expect(r).toHaveLength(6);
  });

  test('lists the records that could not be checked', () => {
    const rows = table(md, '### Could not check').slice(2);
    expect(rows.map((r) => r[0])).toEqual(['exports/batch.ndjson\\#5', 'exports/b.json']);
  });

  test('escapes table and markup syntax so text cannot break the table or inject links', () => {
    const cell = mdCell('a | b <img src=x> [x](http://evil) `c`\nnext');
    expect(cell).toBe('a \\| b &lt;img src=x&gt; \\[x\\](http://evil) \\`c\\` next');
    expect(cells(`| ${cell} | y |`)).toHaveLength(2);
  });

  test('long tables are capped with a pointer to the full report', () => {
    const many = structuredClone(report);
    const a = many.applicants[0]!;
    many.applicants = Array.from({ length: MAX_ROWS + 5 }, (_, i): ApplicantResult => ({ ...a, id: `c-${i}` }));
    const rows = table(toMarkdown(many), '### Flagged applicants').slice(2);
    expect(rows).toHaveLength(MAX_ROWS);
    expect(toMarkdown(many)).toContain('… and 5 more');
  });
});
