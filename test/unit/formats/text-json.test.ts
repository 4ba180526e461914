import { describe, expect, test } from 'vitest';
import { FORMATS } from '../../../src/formats/index.js';
import { redactReport } from '../../../src/redact/redact-report.js';
import { fixtureReport } from '../../helpers/fixture-report.js';

describe('text and json', () => {
  const { report, rules } = fixtureReport();
  const ctx = { color: false, rulesCount: rules.length };

  test('json keeps the contract keys and says when it is redacted', () => {
    const plain = JSON.parse(FORMATS.json.format(report, ctx));
    expect(Object.keys(plain)).toEqual(['tool', 'generatedAt', 'failOn', 'summary', 'applicants', 'links', 'errors']);
    expect(plain.applicants[0].findings[0]).toMatchObject({ ruleId: expect.any(String), severity: expect.any(String), evidence: expect.any(Array) });
    const red = JSON.parse(FORMATS.json.format(redactReport(report), ctx));
    expect(red.redacted).toBe(true);
    expect(red.summary).toEqual(plain.summary);
  });

  test('text: a summary table for many applicants, details for one, no colour codes with color false', () => {
    const many = FORMATS.text.format(report, ctx);
    // The hostile name is shown escaped and clipped; the row keeps its columns.
    expect(many).toMatch(/cand-4004\s+=HYPERLINK\("http:\/\/evil\.example…\s+critical\s+100\s+1\s+Salary to a crypto wallet\s+exports\/a\.json\[1\]/);
    expect(many).not.toContain('\u001b[');
    const one = FORMATS.text.format({ ...report, applicants: [report.applicants[0]!], errors: [] }, ctx);
    expect(one).toContain('Applicant cand-1042 — Jordan A. Miller');
    expect(one).toContain('identity.reference-shares-phone');
    expect(FORMATS.text.format(redactReport(report), ctx)).toContain('personal data redacted');
  });
});
