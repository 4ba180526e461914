import { describe, expect, test } from 'vitest';
import { redactReport } from '../../../src/redact/redact-report.js';
import { checkRecord } from '../../../src/pipeline/check-record.js';
import { buildReport } from '../../../src/report/build.js';
import { reportFromContract } from '../../../src/report/from-contract.js';
import { toContract } from '../../../src/formats/json.js';
import type { Report } from '../../../src/model/report.js';

/**
 * A record that fails validation is reported with diagnostics that may quote its values
 * (`dateOfBirth: is not a plausible date … (got "1990-02-30")`). Masked outputs mask them by
 * the field the diagnostic points at; values of public fields (a country code) stay.
 */
function invalidReport(): Report {
  const text = JSON.stringify(
    {
      id: 'cand-41',
      name: { full: 'Ana Lima' },
      dateOfBirth: '1990-02-30',
      identity: { documents: [{ type: 'passport', dateOfBirth: '1988-13-01' }] },
      claimedLocation: { country: 'us' },
      appliedAt: '2026-02-30',
    },
    null,
    2,
  );
  const outcome = checkRecord({ source: 'a.json', location: { file: 'a.json' }, file: 'a.json', value: JSON.parse(text), text }, [], {
    strict: true,
    enrich: {},
  });
  if (outcome.ok) throw new Error('expected the record to fail');
  return buildReport([], [outcome.error], [], { version: '0', rulesVersion: 'test', rulesCount: 0, failOn: 'high', generatedAt: '2026-11-01T12:00:00.000Z' });
}

const texts = (r: Report) => r.errors.flatMap((e) => [e.message, ...e.diagnostics.flatMap((d) => [d.message, d.hint ?? ''])]).join('\n');

describe('masking the diagnostics of an invalid record', () => {
  const report = invalidReport();

  test('a date of birth they quote is masked; a country code and a date of application stay', () => {
    // Unmasked they quote it, so a person can fix the record (and this test cannot pass for want of a quote).
    expect(texts(report)).toContain('(got "1990-02-30")');
    expect(texts(report)).toContain('(got "1988-13-01")');
    const masked = texts(redactReport(report));
    expect(masked).not.toContain('1990-02-30');
    expect(masked).not.toContain('1988-13-01');
    expect(masked).toContain('dateOfBirth: is not a plausible date (no such day, or outside the years 1900–2100) (got [date of birth])');
    expect(masked).toContain('identity.documents[0].dateOfBirth: is not a plausible date');
    expect(masked).toContain('got "us"; write the two-letter code');
    expect(masked).toContain('(got "2026-02-30")');
  });

  test('as masked after a JSON report is read back (merge --redact)', () => {
    const back = reportFromContract(JSON.parse(JSON.stringify(toContract(report))), 'r.json') as Report;
    const masked = texts(redactReport(back));
    expect(masked).not.toContain('1990-02-30');
    expect(masked).not.toContain('1988-13-01');
    expect(masked).toContain('(got [date of birth])');
  });
});
