import { describe, expect, test } from 'vitest';
import { reportFromContract } from '../../../src/report/from-contract.js';
import { toContract } from '../../../src/formats/json.js';
import { redactReport } from '../../../src/redact/redact-report.js';
import { WHOLE_MESSAGE_PART } from '../../../src/model/finding.js';
import type { Report } from '../../../src/model/report.js';
import { fixtureReport } from '../../helpers/fixture-report.js';

const roundTrip = (r: Report) => reportFromContract(JSON.parse(JSON.stringify(toContract(r))), 'r.json') as Report;

describe('the errors of a JSON report', () => {
  test('carry the id of an invalid record when it had one, and keep it when read back (merge)', () => {
    const { report } = fixtureReport();
    const errors = toContract(report).errors as Array<Record<string, unknown>>;
    expect(errors.map((e) => e.id)).toEqual([undefined, 'cand-5005']);
    expect(roundTrip(report).errors.map((e) => e.id)).toEqual([undefined, 'cand-5005']);
  });
});

describe('a JSON report read back masks as the run that wrote it', () => {
  const { report } = fixtureReport();

  test('names and message parts come back', () => {
    const back = roundTrip(report);
    expect(back.applicants.map((a) => a.name)).toEqual(report.applicants.map((a) => a.name));
    // The fixture's one hand-built rule message without parts comes back as one part of unknown make-up.
    const parts = (r: Report) =>
      r.applicants.flatMap((a) =>
        a.findings.map((f) =>
          f.messageParts?.[0] && typeof f.messageParts[0] !== 'string' && f.messageParts[0].path === WHOLE_MESSAGE_PART ? 'unknown' : (f.messageParts ?? null),
        ),
      );
    expect(parts(back)).toEqual(parts(report).map((p, i) => (p === null && parts(back)[i] === 'unknown' ? 'unknown' : p)));
    expect(parts(back).filter((p) => p === 'unknown')).toHaveLength(1);
  });

  test('masking the read-back report gives the same messages, names and evidence as masking the original', () => {
    const direct = redactReport(report);
    const back = redactReport(roundTrip(report));
    const view = (r: Report) =>
      r.applicants.map((a) => ({
        name: a.name,
        findings: a.findings.map((f) => [
          f.ruleId === 'payroll.crypto-payout' && a.id === 'cand-4004' ? '(hand-built)' : f.message,
          f.evidence.map((e) => [e.value, e.note]),
        ]),
      }));
    expect(view(back)).toEqual(view(direct));
  });

  test('a finding without parts (an older report) gets one part of unknown make-up: withheld when masked, shown as written otherwise', () => {
    const doc = JSON.parse(JSON.stringify(toContract(report)));
    for (const a of doc.applicants) for (const f of a.findings) delete f.messageParts;
    const back = reportFromContract(doc, 'old.json') as Report;
    const f = back.applicants[0]!.findings[0]!;
    expect(f.messageParts).toEqual([{ path: WHOLE_MESSAGE_PART, values: [], text: f.message }]);
    expect(redactReport(back).applicants[0]!.findings[0]!.message).toMatch(/^\[message withheld/);
    // Linkage messages name only applicant ids: they are kept and scrubbed.
    const linkage = back.applicants.flatMap((a) => a.findings).find((x) => x.family === 'linkage')!;
    expect(linkage.messageParts).toBeUndefined();
  });
});

describe('the problems of a record that could not be checked keep their severity through merge', () => {
  const withWarning = (): Report => {
    const { report } = fixtureReport();
    const e = report.errors[report.errors.length - 1]!;
    const warning = { code: 'input-encoding', severity: 'warning', message: 'not valid UTF-8; read as Windows-1252', line: 1 } as const;
    return { ...report, errors: [...report.errors.slice(0, -1), { ...e, diagnostics: [...e.diagnostics, warning] }] };
  };
  const severities = (r: Report) => r.errors.map((e) => e.diagnostics.map((d) => `${d.code}:${d.severity}`));

  test('a warning stays a warning (the JSON report writes each problem’s severity)', () => {
    const report = withWarning();
    expect(severities(roundTrip(report))).toEqual(severities(report));
    expect(severities(roundTrip(report)).flat()).toContain('input-encoding:warning');
  });

  test('a report that did not write severities (an older version): a warning-only code is read as a warning', () => {
    const doc = JSON.parse(JSON.stringify(toContract(withWarning())));
    for (const e of doc.errors) for (const p of e.problems) delete p.severity;
    const back = reportFromContract(doc, 'old.json') as Report;
    expect(severities(back).flat()).toContain('input-encoding:warning');
    expect(
      severities(back)
        .flat()
        .filter((s) => s.startsWith('applicant-schema')),
    ).toEqual(expect.arrayContaining(['applicant-schema:error']));
  });
});
