import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { GITHUB_LIMITS, fingerprint, toSarif } from '../../../src/formats/sarif.js';
import { redactReport } from '../../../src/redact/redact-report.js';
import { fixtureReport } from '../../helpers/fixture-report.js';
import type { Report } from '../../../src/model/report.js';
import { placed } from '../../../src/model/source-location.js';

// The official schema is draft-04, which Ajv 8 reads only through ajv-draft-04. Both packages are
// CommonJS: under NodeNext their default export may arrive wrapped (as in src/validate/ajv.ts).
type Ajv04Class = typeof Ajv04Module.default;
type AddFormats = typeof addFormatsModule.default;
const Ajv04: Ajv04Class = (Ajv04Module as unknown as { default?: Ajv04Class }).default ?? (Ajv04Module as unknown as Ajv04Class);
const addFormats: AddFormats = (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);
const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/sarif-schema-2.1.0.json', import.meta.url)), 'utf8'));
const ajv = new Ajv04({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function valid(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`);
}

type Log = ReturnType<typeof toSarif>;
const run = (log: Log) => log.runs[0]!;

describe('sarif', () => {
  const { report, rules } = fixtureReport();

  test('is valid SARIF 2.1.0, redacted or not', () => {
    expect(valid(JSON.parse(JSON.stringify(toSarif(report, { rules }))))).toEqual([]);
    expect(valid(JSON.parse(JSON.stringify(toSarif(redactReport(report), { rules }))))).toEqual([]);
    expect(valid(JSON.parse(JSON.stringify(toSarif(report, {}))))).toEqual([]);
  });

  test('the schema check can fail', () => {
    const log = JSON.parse(JSON.stringify(toSarif(report, { rules })));
    log.runs[0].results[0].level = 'fatal';
    expect(valid(log)).not.toEqual([]);
  });

  test('one rule descriptor per rule id, with help and helpUri from the first reference', () => {
    const r = run(toSarif(report, { rules }));
    const ids = r.tool.driver.rules.map((x) => x.id);
    expect(ids).toEqual([...new Set(ids)].sort());
    // Rules that ran but never fired are described too; rules only seen in findings are added.
    expect(ids).toContain('identity.document-birthdate-mismatch');
    expect(ids).toContain('identity.shared-contact');
    const d = r.tool.driver.rules.find((x) => x.id === 'identity.document-name-mismatch')!;
    expect(d.helpUri).toBe('https://example.org/guidance');
    expect(d.help.text).toContain('Verify it.');
    expect(d.defaultConfiguration.level).toBe('error');
    expect(d.properties['security-severity']).toBe('8.0');
  });

  test('results point at their rule, with levels mapped from severity', () => {
    const r = run(toSarif(report, { rules }));
    const findings = report.applicants.flatMap((a) => a.findings);
    expect(r.results).toHaveLength(findings.length);
    for (const res of r.results) expect(r.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
    const level = (ruleId: string) => r.results.find((x) => x.ruleId === ruleId)!.level;
    expect(level('payroll.crypto-payout')).toBe('error'); // high / critical
    expect(level('identity.shared-contact')).toBe('warning'); // medium
  });

  test('NDJSON records get a line; array records a logical location instead', () => {
    const r = run(toSarif(report, { rules }));
    const ndjson = r.results.find((x) => x.properties.applicantId === 'cand-1042')!.locations[0]!;
    expect(ndjson.physicalLocation.artifactLocation.uri).toBe('exports/batch.ndjson');
    expect(ndjson.physicalLocation.region).toEqual({ startLine: 3 });
    const arr = r.results.find((x) => x.properties.applicantId === 'cand-4004')!.locations[0]!;
    expect(arr.physicalLocation.artifactLocation.uri).toBe('exports/a.json');
    expect(arr.physicalLocation.region).toBeUndefined();
    expect(arr.logicalLocations[0]).toMatchObject({ name: 'cand-4004', fullyQualifiedName: 'exports/a.json[1]' });
  });

  test('fingerprints are stable across runs and record moves, distinct per applicant and rule', () => {
    const a = run(toSarif(report, { rules })).results.map((x) => x.partialFingerprints);
    const b = run(toSarif(structuredClone(report), { rules })).results.map((x) => x.partialFingerprints);
    expect(a).toEqual(b);
    expect(new Set(a.map((x) => Object.values(x)[0])).size).toBe(a.length);
    expect(fingerprint('r.x', 'cand-1', { file: 'a.ndjson', line: 3 })).toBe(fingerprint('r.x', 'cand-1', { file: 'a.ndjson', line: 90 }));
    expect(fingerprint('r.x', 'cand-1', { file: 'a.ndjson', line: 3 })).not.toBe(fingerprint('r.x', 'cand-2', { file: 'a.ndjson', line: 3 }));
    expect(fingerprint('r.x', 'cand-1', { file: 'a.ndjson', line: 3 })).not.toBe(fingerprint('r.y', 'cand-1', { file: 'a.ndjson', line: 3 }));
  });

  test('records that could not be checked are error notifications at their line', () => {
    const inv = run(toSarif(report, { rules })).invocations[0]!;
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.exitCode).toBe(2);
    const n = inv.toolExecutionNotifications as Array<{ level: string; locations: Array<{ physicalLocation: { region?: { startLine: number } } }> }>;
    expect(n).toHaveLength(2);
    expect(n.every((x) => x.level === 'error')).toBe(true);
    expect(n[0]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 5 });
    expect(n[1]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 4 });
  });

  test('the notification of an invalid record says why, names its id when it had one, and stays valid SARIF', () => {
    const log = toSarif(report, { rules });
    expect(valid(log)).toEqual([]);
    const n = run(log).invocations[0]!.toolExecutionNotifications as Array<{ message: { text: string }; properties?: { applicantId: string } }>;
    expect(n[1]!.message.text).toBe('exports/b.json: invalid applicant record (1 problem): contact.emails[0]: is not a valid email-ish (line 4, column 18)');
    expect(n[1]!.properties).toEqual({ applicantId: 'cand-5005' });
    expect(n[0]!.properties).toBeUndefined();
  });

  test('over the results limit: the most severe are kept, with a notice, and still valid', () => {
    const limits = { ...GITHUB_LIMITS, resultsPerRun: 3 };
    const log = toSarif(report, { rules }, limits);
    const r = run(log);
    expect(r.results).toHaveLength(3);
    expect(r.results.some((x) => x.properties.severity === 'critical')).toBe(true);
    expect(r.results.every((x) => x.properties.severity === 'critical' || x.properties.severity === 'high')).toBe(true);
    expect(r.properties.truncated).toEqual({ findings: 8, included: 3, limit: 3 });
    const n = r.invocations[0]!.toolExecutionNotifications as Array<{ descriptor: { id: string } }>;
    expect(n.map((x) => x.descriptor.id)).toContain('results-truncated');
    expect(valid(JSON.parse(JSON.stringify(log)))).toEqual([]);
  });

  test('at most 20 tags per rule, and long messages are cut', () => {
    const many = rules.map((r) => ({ ...r, tags: Array.from({ length: 30 }, (_, i) => `t${i}`) }));
    const long: Report = structuredClone(report);
    long.applicants[0]!.findings[0]!.message = 'x'.repeat(5000);
    delete long.applicants[0]!.findings[0]!.messageParts;
    const r = run(toSarif(long, { rules: many }));
    for (const d of r.tool.driver.rules) expect(d.properties.tags.length).toBeLessThanOrEqual(20);
    for (const res of r.results) {
      expect(res.message.text.length).toBeLessThanOrEqual(GITHUB_LIMITS.messageChars);
      expect(res.locations.length).toBeLessThanOrEqual(GITHUB_LIMITS.locationsPerResult);
    }
  });

  test('file names are percent-encoded URIs; standard input has a description', () => {
    const odd: Report = structuredClone(report);
    Object.assign(odd.applicants[0]!, placed({ file: 'exports/my file#1.ndjson', line: 7 }));
    Object.assign(odd.applicants[1]!, placed({ file: '<stdin>' }));
    const log = toSarif(odd, { rules });
    const r = run(log);
    const first = r.results.find((x) => x.properties.applicantId === 'cand-1042')!.locations[0]!.physicalLocation;
    expect(first.artifactLocation.uri).toBe('exports/my%20file%231.ndjson');
    expect(first.region).toEqual({ startLine: 7 });
    expect(valid(JSON.parse(JSON.stringify(log)))).toEqual([]);
  });
});
