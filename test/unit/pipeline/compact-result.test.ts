import { afterAll, describe, expect, test } from 'vitest';
import { activeRules } from '../../../src/evaluate/evaluate.js';
import { checkGroup, checkRecord } from '../../../src/pipeline/check-record.js';
import { ResultCompactor } from '../../../src/pipeline/compact-result.js';
import type { ApplicantResult } from '../../../src/model/report.js';
import type { InputRecord } from '../../../src/read/input-record.js';
import { cleanupTempDirs, loadPack, ruleFile, ruleYaml } from '../../helpers/rule-pack.js';

afterAll(cleanupTempDirs);

const { ruleSet } = loadPack({
  [ruleFile('identity.doc-name')]: ruleYaml({
    id: 'identity.doc-name',
    severity: 'high',
    message: 'The document says "{{identity.documents[].nameOnDocument}}"; applied as "{{name.full}}".',
    match: { some: 'identity.documents[]', where: { field: 'nameOnDocument', differsFrom: '$.name.full', as: 'name' } },
  }),
  [ruleFile('payroll.crypto')]: ruleYaml({ id: 'payroll.crypto', match: { field: 'payroll.method', equals: 'crypto' } }),
});
const rules = activeRules(ruleSet.rules);

const record = (i: number, extra: Record<string, unknown> = {}): InputRecord => ({
  source: `export.ndjson#${i + 1}`,
  location: { file: 'export.ndjson', line: i + 1 },
  file: 'export.ndjson',
  value: {
    id: `a${i}`,
    name: { full: 'Jordan Miller' },
    identity: { documents: [{ type: 'passport', nameOnDocument: i % 2 ? 'Jordan Miller' : 'Kim Sang Man' }] },
    ...extra,
  },
});
const check = (r: InputRecord) => {
  const o = checkRecord(r, rules, { strict: true, enrich: {} });
  if (!o.ok) throw new Error(o.error.message);
  return o.result;
};
const json = (r: ApplicantResult) => JSON.stringify(r);

describe('kept results', () => {
  test('compacting changes nothing a report shows, and applicants share what they have in common', () => {
    const compactor = new ResultCompactor();
    const results = [0, 1, 2, 3].map((i) => check(record(i)));
    const before = results.map(json);
    results.forEach((r) => compactor.compact(r));
    expect(results.map(json)).toEqual(before);
    expect(results[0]!.notEvaluated).toBe(results[2]!.notEvaluated);
    expect(results[1]!.findings).toBe(results[3]!.findings);
    expect(results[0]!.findings[0]!.evidence[0]!.note).toBe(results[2]!.findings[0]!.evidence[0]!.note);
  });

  test('message parts go only when asked, and nothing else does', () => {
    const kept = check(record(0));
    const dropped = check(record(0));
    new ResultCompactor({ keepMessageParts: false }).compact(dropped);
    expect(kept.findings[0]!.messageParts).toBeDefined();
    expect(dropped.findings[0]!.messageParts).toBeUndefined();
    expect(json(dropped)).toBe(json({ ...kept, findings: kept.findings.map((f) => ({ ...f, messageParts: undefined })) }));
  });

  test('a group of records gives each the outcome it gets alone, in order', () => {
    const records: InputRecord[] = [
      record(0),
      { source: 'x#2', location: { file: 'x', line: 2 }, file: 'x', error: { code: 'input-not-json', severity: 'error', message: 'broken' } },
      record(2, { payroll: { method: 'crypto' } }),
      { source: 'x#4', location: { file: 'x', line: 4 }, file: 'x', value: { id: 'no-name' } },
    ];
    const alone = records.map((r) => checkRecord(r, rules, { strict: true, enrich: {} }));
    expect(JSON.stringify(checkGroup(records, rules, { strict: true, enrich: {} }))).toBe(JSON.stringify(alone));
  });
});
