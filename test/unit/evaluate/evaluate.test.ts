import { afterAll, describe, expect, test } from 'vitest';
import { activeRules, evaluate } from '../../../src/evaluate/evaluate.js';
import { enrich } from '../../../src/enrich/index.js';
import { runCases } from '../../../src/cli/rules/run-cases.js';
import type { Applicant } from '../../../src/model/applicant.js';
import type { CompiledRule } from '../../../src/model/rule.js';
import { cleanupTempDirs, loadPack, ruleFile, ruleYaml } from '../../helpers/rule-pack.js';

afterAll(cleanupTempDirs);

const { ruleSet } = loadPack({
  [ruleFile('identity.doc-name')]: ruleYaml({
    id: 'identity.doc-name',
    severity: 'high',
    message: 'The {{identity.documents[].type}} says "{{identity.documents[].nameOnDocument}}"; applied as "{{name.full}}".',
    match: { some: 'identity.documents[]', where: { field: 'nameOnDocument', differsFrom: '$.name.full', as: 'name' } },
  }),
  [ruleFile('identity.unverified')]: ruleYaml({ id: 'identity.unverified', severity: 'low', match: { field: 'identity.documents[].verified', equals: false } }),
  [ruleFile('payroll.crypto')]: ruleYaml({ id: 'payroll.crypto', match: { field: 'payroll.method', equals: 'crypto' } }),
  [ruleFile('payroll.old')]: ruleYaml({
    id: 'payroll.old',
    status: 'deprecated',
    extra: { replacedBy: 'payroll.crypto' },
    match: { field: 'payroll.method', exists: true },
  }),
  [ruleFile('network.bank-country')]: ruleYaml({
    id: 'network.bank-country',
    requires: ['payroll.bank.country', 'claimedLocation.country'],
    match: { field: 'payroll.bank.country', notEquals: { field: 'claimedLocation.country' } },
  }),
});
const rules = activeRules(ruleSet.rules);
const byId = (id: string) => ruleSet.rules.find((r) => r.spec.id === id)!;
const run = (a: Omit<Applicant, 'id' | 'name'> & Partial<Applicant>) => evaluate(enrich({ id: 'c', name: { full: 'Jordan Miller' }, ...a }), rules);

describe('evaluate', () => {
  test('deprecated rules load but never run', () => {
    expect(ruleSet.rules.map((r) => r.spec.id)).toContain('payroll.old');
    expect(rules.map((r) => r.spec.id)).not.toContain('payroll.old');
  });

  test('a finding carries the rule metadata, evidence and the rendered message', () => {
    const e = run({
      identity: {
        documents: [
          { type: 'drivers_license', nameOnDocument: 'Jordan Miller' },
          { type: 'passport', nameOnDocument: 'Kevin Hart' },
        ],
      },
    });
    expect(e.findings).toHaveLength(1);
    const f = e.findings[0]!;
    expect(f).toMatchObject({ ruleId: 'identity.doc-name', family: 'identity', severity: 'high', title: 'A rule written by a test' });
    expect(f.references).toEqual([{ title: 'Test reference', url: 'https://example.org/ref', date: '2026-01-01' }]);
    expect(f.evidence).toEqual([expect.objectContaining({ path: 'identity.documents[1].nameOnDocument', value: 'Kevin Hart' })]);
    // The message speaks of the document that matched, not of every document.
    expect(f.message).toBe('The passport says "Kevin Hart"; applied as "Jordan Miller".');
  });

  test('a family with no data at all is one notEvaluated line', () => {
    const e = run({});
    expect(e.findings).toEqual([]);
    expect(e.notEvaluated).toEqual([
      expect.stringMatching(/^identity\.\*: no identity data \(/),
      expect.stringMatching(/^network\.\*: no network data \(/),
      expect.stringMatching(/^payroll\.\*: no payroll data \(/),
    ]);
  });

  test('a family with no data is one line naming the missing input', () => {
    const e = run({ payroll: { method: 'crypto' } });
    expect(e.findings.map((f) => f.ruleId)).toEqual(['payroll.crypto']);
    expect(e.notEvaluated).toContainEqual(expect.stringMatching(/^identity\.\*: no identity data \(.*identity\.documents/));
    expect(e.notEvaluated).toContainEqual(expect.stringMatching(/^network\.\*: no network data/));
  });

  test('requires: every listed field must hold data for the rule to run', () => {
    const r = byId('network.bank-country');
    const facts = (a: Partial<Applicant>) => enrich({ id: 'c', name: { full: 'X' }, ...a });
    expect(r.hasData(facts({ payroll: { bank: { country: 'CN' } } }))).toBe(false);
    expect(r.hasData(facts({ payroll: { bank: { country: 'CN' } }, claimedLocation: { country: 'US' } }))).toBe(true);
    expect(run({ payroll: { bank: { country: 'CN' } }, claimedLocation: { country: 'US' } }).findings.map((f) => f.ruleId)).toEqual(['network.bank-country']);
  });

  test('a rule that throws is reported as a failure, not a crash', () => {
    const boom: CompiledRule = {
      ...byId('payroll.crypto'),
      evaluate: () => {
        throw new Error('boom');
      },
    };
    const e = evaluate(enrich({ id: 'c', name: { full: 'X' }, payroll: { method: 'bank' } }), [boom]);
    expect(e.failures).toEqual([{ ruleId: 'payroll.crypto', message: expect.stringContaining('failed: boom') }]);
  });
});

describe('runCases', () => {
  test('passes a rule whose cases agree with it and explains a case that does not', () => {
    const text = ruleYaml({ id: 'payroll.crypto', match: { field: 'payroll.method', equals: 'crypto' } }).replace(
      /cases:[\s\S]*$/,
      `cases:
  match:
    - name: paid in crypto
      applicant: { payroll: { method: crypto } }
    - name: wrongly expected to match
      applicant: { payroll: { method: bank } }
  nomatch:
    - name: paid by bank
      applicant: { payroll: { method: bank } }
    - name: invalid case record
      applicant: { payroll: { method: cash } }
`,
    );
    const { ruleSet: rs } = loadPack({ [ruleFile('payroll.crypto')]: text });
    const results = runCases(rs.rules[0]!);
    expect(results.map((r) => [r.kind, r.name, r.passed])).toEqual([
      ['match', 'paid in crypto', true],
      ['match', 'wrongly expected to match', false],
      ['nomatch', 'paid by bank', true],
      ['nomatch', 'invalid case record', false],
    ]);
    expect(results[1]!.problem).toBe('expected the rule to match, but it did not');
    expect(results[3]!.problem).toMatch(/^case applicant is invalid: payroll\.method/);
  });
});
