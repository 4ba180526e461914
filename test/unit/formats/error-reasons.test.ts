import { describe, expect, test } from 'vitest';
import { FORMATS } from '../../../src/formats/index.js';
import { buildReport } from '../../../src/report/build.js';
import { checkRecord } from '../../../src/pipeline/check-record.js';
import type { Report } from '../../../src/model/report.js';
import { fixtureReport, unescapeAll } from '../../helpers/fixture-report.js';
import { parseCsv } from '../../helpers/csv-parse.js';

/**
 * The formats that give a record that could not be checked one line or one cell say why: its
 * first problems with where they are, and how many more. (Text, JSON and JUnit list every
 * problem; their own tests cover them.)
 */
const FORMATS_FIXED = ['csv', 'markdown', 'github', 'sarif', 'html'] as const;

/** The output as a person reads it: the escaping of each format undone. */
const shown = (name: (typeof FORMATS_FIXED)[number], report: Report) => unescapeAll(FORMATS[name].format(report, { color: false, rulesCount: 0 }));

/** A record broken in 30 places (no text kept, so each problem is placed by its JSON pointer). */
function brokenReport(): Report {
  const documents = Array.from({ length: 30 }, () => ({ issuingCountry: 'usa' }));
  const outcome = checkRecord(
    {
      source: 'exports/big.json[7]',
      location: { file: 'exports/big.json', index: 7 },
      file: 'exports/big.json',
      value: { id: 'cand-77', name: { full: 'Broken Record' }, identity: { documents } },
    },
    [],
    { strict: true, enrich: {} },
  );
  if (outcome.ok) throw new Error('expected the record to fail');
  return buildReport([], [outcome.error], [], { version: '0', rulesVersion: 'test', rulesCount: 0, failOn: 'high', generatedAt: '2026-11-01T12:00:00.000Z' });
}

describe('why a record could not be checked', () => {
  const { report } = fixtureReport();

  test.each(FORMATS_FIXED)('%s names the problem and its line and column', (name) => {
    const out = shown(name, report);
    expect(out).toContain('invalid applicant record (1 problem)');
    expect(out).toContain('contact.emails[0]: is not a valid email-ish (line 4, column 18)');
  });

  test.each(FORMATS_FIXED)('%s shows the first 5 problems of a record broken in 30 places, then how many more', (name) => {
    const out = shown(name, brokenReport());
    expect(out).toContain('invalid applicant record (30 problems)');
    for (let i = 0; i < 5; i++) expect(out).toContain(`identity.documents[${i}].issuingCountry: must be an ISO 3166-1 alpha-2`);
    expect(out).toContain('(at /identity/documents/4/issuingCountry)');
    expect(out).not.toContain('identity.documents[5]');
    expect(out).toContain('and 25 more');
  });

  test('the CSV row keeps the reason in its last column, the record id in its first', () => {
    const rows = parseCsv(FORMATS.csv.format(brokenReport(), { color: false, rulesCount: 0 }));
    expect(rows[1]![0]).toBe('cand-77');
    expect(rows[1]![2]).toBe('exports/big.json[7]');
    expect(rows[1]![8]).toMatch(/^invalid applicant record \(30 problems\): identity\.documents\[0\]\.issuingCountry: .+; and 25 more$/);
  });

  test('a read error gives its own position once, and is not repeated as a problem', () => {
    // The NDJSON source (batch.ndjson#5) names the line already: the column is added.
    const out = shown('csv', report);
    expect(out).toContain('exports/batch.ndjson#5,invalid,,,,,"not valid JSON: expected a "quoted" key (column 3)"');
    expect(out.split('expected a "quoted" key')).toHaveLength(2);
    const whole = { ...report, errors: [{ ...report.errors[0]!, source: 'exports/a.json', location: { file: 'exports/a.json' } }] };
    expect(shown('csv', whole)).toContain('not valid JSON: expected a "quoted" key (line 5, column 3)');
  });
});
