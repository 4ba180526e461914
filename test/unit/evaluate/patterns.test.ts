import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { tuneRuleSet } from '../../../src/config/tune-rules.js';
import { checkRecord, type CheckOptions } from '../../../src/pipeline/check-record.js';
import { builtinIpResolver } from '../../../src/intel/ip-resolver.js';
import { BUILTIN_RULES_DIR, collectRuleSet, loadRuleSet } from '../../../src/ruleset/load.js';
import { levelRank } from '../../../src/model/levels.js';
import type { ApplicantResult } from '../../../src/model/report.js';
import { phoneRule, tempTree, yaml } from '../../helpers/cli-rule-packs.js';

const ruleSet = loadRuleSet();
const options: CheckOptions = { strict: false, enrich: { ip: builtinIpResolver() } };
const PROFILES = join(__dirname, '../../../fixtures/profiles');
const profile = (name: string) => JSON.parse(readFileSync(join(PROFILES, `${name}.json`), 'utf8')) as Record<string, unknown>;

function check(applicant: Record<string, unknown>, rules = ruleSet.rules, opts = options): ApplicantResult {
  const out = checkRecord({ source: 'test.json', location: { file: 'test.json' }, value: applicant, file: 'test.json' }, rules, opts);
  if (!out.ok) throw new Error(out.error.message);
  return out.result;
}

describe('pattern rules: corroboration inside one family reaches high through a named pattern', () => {
  const cases: Array<[string, string, string[]]> = [
    ['scheme-payroll-diversion', 'payroll.payroll-diversion', ['payroll.repeated-payroll-changes', 'payroll.crypto-payout']],
    ['scheme-fabricated-references', 'identity.fabricated-references', ['identity.reference-is-applicant', 'identity.voip-phone']],
    ['scheme-hidden-location', 'network.hidden-location', ['network.all-sessions-hosting', 'identity.camera-avoidance']],
  ];
  for (const [file, pattern, parts] of cases) {
    test(`${file} → high by ${pattern}`, () => {
      const r = check(profile(file));
      expect(r.level).toBe('high');
      const f = r.findings.find((x) => x.ruleId === pattern)!;
      expect(f.severity).toBe('high');
      for (const p of parts) expect(f.combines).toContain(p);
      expect(f.message).toMatch(new RegExp(`^Pattern ${pattern.replace('.', '\\.')}: .+ \\+ .+`));
      expect(f.evidence.length).toBeGreaterThan(0);
      // Without the pattern the same findings stay below high: the pattern is what raises it.
      const without = check(
        profile(file),
        ruleSet.rules.filter((x) => x.spec.id !== pattern),
      );
      expect(levelRank(without.level)).toBeLessThan(levelRank('high'));
      expect(without.score).toBeLessThan(r.score);
    });
  }

  test('an employer and a reference company both LCT-linked escalate the rule to high; one firm stays medium', () => {
    const r = check(profile('scheme-lct-history'));
    const f = r.findings.find((x) => x.ruleId === 'affiliation.lct-linked-firm')!;
    expect(f.severity).toBe('high');
    expect(f.escalated).toEqual({ distinct: 2, from: 'medium' });
    expect(r.level).toBe('high');
    const one = profile('scheme-lct-history');
    delete one.references;
    const g = check(one).findings.find((x) => x.ruleId === 'affiliation.lct-linked-firm')!;
    expect(g.severity).toBe('medium');
    expect(g.escalated).toBeUndefined();
  });

  test('a suppressed finding never completes a pattern, and a pattern can be excepted and disabled like any rule', () => {
    const cwd = tempTree({
      '.dprk-check.yaml': yaml({
        exceptions: [{ id: 'voip-ok', rule: 'identity.voip-phone', reason: 'company VoIP', when: { field: 'claimedLocation.country', equals: 'GB' } }],
      }),
    });
    const { config } = loadConfig({ cwd });
    const tuned = tuneRuleSet(ruleSet, config);
    const r = check(profile('scheme-fabricated-references'), tuned.rules, { ...options, exceptions: tuned.exceptions });
    expect(r.findings.map((f) => f.ruleId)).not.toContain('identity.fabricated-references');

    const cwd2 = tempTree({ '.dprk-check.yaml': yaml({ disable: ['payroll.payroll-diversion'], severity: { 'network.hidden-location': 'medium' } }) });
    const t2 = tuneRuleSet(ruleSet, loadConfig({ cwd: cwd2 }).config);
    expect(t2.diagnostics.filter((d) => d.code === 'config-unused')).toEqual([]);
    expect(check(profile('scheme-payroll-diversion'), t2.rules).findings.map((f) => f.ruleId)).not.toContain('payroll.payroll-diversion');
    expect(check(profile('scheme-hidden-location'), t2.rules).findings.find((f) => f.ruleId === 'network.hidden-location')?.severity).toBe('medium');

    const cwd3 = tempTree({
      '.dprk-check.yaml': yaml({
        exceptions: [
          {
            id: 'vpn-shop',
            rule: 'network.hidden-location',
            reason: 'reviewed by the security team',
            when: { field: 'id', equals: 'profile-hidden-location' },
          },
        ],
      }),
    });
    const l3 = loadConfig({ cwd: cwd3 });
    expect(l3.diagnostics).toEqual([]);
    const t3 = tuneRuleSet(ruleSet, l3.config);
    expect(t3.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const r3 = check(profile('scheme-hidden-location'), t3.rules, { ...options, exceptions: t3.exceptions });
    expect(r3.findings.map((f) => f.ruleId)).not.toContain('network.hidden-location');
    expect(r3.suppressed?.map((s) => s.ruleId)).toEqual(['network.hidden-location']);
  });
});

describe('pattern rules: load-time checks', () => {
  const base = phoneRule('kp-phone', '+850');
  const pattern = (p: unknown, extra: Record<string, unknown> = {}) => ({ ...phoneRule('combo'), match: undefined, pattern: p, ...extra });
  const load = (files: Record<string, unknown>) => {
    const cwd = tempTree(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, yaml(v)])));
    return collectRuleSet({ paths: [join(cwd, 'rules')], cwd });
  };
  const clean = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));

  test('a pattern naming a rule that is not loaded fails at load with file:line and a guess', () => {
    const { errors } = load({ 'rules/kp-phone.yaml': base, 'rules/combo.yaml': clean(pattern({ all: ['network.kp-phone', 'network.kp-phnoe'] })) });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain("'network.kp-phnoe', which is not a loaded rule");
    expect(errors[0]!.hint).toContain('network.kp-phone');
    expect(errors[0]!.file).toContain('combo.yaml');
    expect(errors[0]!.line).toBeGreaterThan(1);
  });

  test('patterns of patterns, both match and pattern, neither, and a bad atLeast are refused', () => {
    const other = { ...clean(pattern('network.kp-phone')), id: 'network.other', title: 'Another pattern rule' };
    expect(
      load({ 'rules/kp-phone.yaml': base, 'rules/other.yaml': other, 'rules/combo.yaml': clean(pattern('network.other')) }).errors.map((e) => e.message),
    ).toEqual(["pattern names 'network.other', which is itself a pattern rule"]);
    expect(load({ 'rules/kp-phone.yaml': base, 'rules/combo.yaml': { ...phoneRule('combo'), pattern: 'network.kp-phone' } }).errors[0]!.message).toContain(
      'not match and pattern',
    );
    expect(load({ 'rules/combo.yaml': clean({ ...phoneRule('combo'), match: undefined }) }).errors[0]!.message).toContain('neither match');
    expect(load({ 'rules/kp-phone.yaml': base, 'rules/combo.yaml': clean(pattern({ atLeast: 3, of: ['network.kp-phone'] })) }).errors[0]!.message).toContain(
      'atLeast must be',
    );
  });

  test('atLeast-of fires on n of the listed findings and names every one that held', () => {
    const a = phoneRule('a', '+850');
    const b = { ...phoneRule('b', '+850 2'), severity: 'low' };
    const c = phoneRule('c', '+86');
    const combo = {
      ...clean(pattern({ atLeast: 2, of: ['network.a', 'network.b', 'network.c'] })),
      cases: {
        match: [{ name: 'two of three', applicant: { contact: { phones: ['+850 2 123 4567'] } } }],
        nomatch: [{ name: 'one of three', applicant: { contact: { phones: ['+86 10 1234 5678'] } } }],
      },
    };
    const { ruleSet: rs, errors } = load({ 'rules/a.yaml': a, 'rules/b.yaml': b, 'rules/c.yaml': c, 'rules/combo.yaml': combo });
    expect(errors).toEqual([]);
    const r = check({ id: 'x', name: { full: 'X Y' }, contact: { phones: ['+850 2 123 4567'] } }, rs.rules);
    expect(r.findings.find((f) => f.ruleId === 'network.combo')?.combines).toEqual(['network.a', 'network.b']);
    expect(check({ id: 'x', name: { full: 'X Y' }, contact: { phones: ['+86 10 1234 5678'] } }, rs.rules).findings.map((f) => f.ruleId)).toEqual(['network.c']);
  });

  test('pattern rules are not counted as checks without data', () => {
    const r = check({ id: 'x', name: { full: 'X Y' } });
    expect(r.notEvaluated.join(' ')).not.toMatch(/payroll-diversion|hidden-location|fabricated-references/);
  });

  test('the built-in pack loads from its directory', () => {
    expect(collectRuleSet({ paths: [BUILTIN_RULES_DIR] }).errors).toEqual([]);
  });
});

describe('declarations that explain: shown, not scored; vague ones explain nothing', () => {
  const innocents: Array<[string, string[]]> = [
    ['innocent-traveller', ['network.many-countries-one-week', 'network.session-country-mismatch']],
    ['innocent-night-shift', ['network.night-time-activity']],
    ['innocent-employer-of-record', ['payroll.payee-not-applicant']],
    ['innocent-recent-move', ['payroll.equipment-not-home', 'payroll.equipment-address-change']],
  ];
  for (const [file, explained] of innocents) {
    test(`${file}: low or below once declared, flagged as before when not`, () => {
      const r = check(profile(file));
      expect(levelRank(r.level)).toBeLessThanOrEqual(levelRank('low'));
      expect(r.explained?.map((e) => e.ruleId).sort()).toEqual([...explained].sort());
      for (const e of r.explained ?? []) expect(e.because.length).toBeGreaterThan(10);
      const undeclared = profile(file);
      delete undeclared.declarations;
      const u = check(undeclared);
      expect(levelRank(u.level)).toBeGreaterThanOrEqual(levelRank('medium'));
      for (const id of explained) expect(u.findings.map((f) => f.ruleId)).toContain(id);
      expect(u.explained).toBeUndefined();
    });
  }

  test('a declaration without specifics (no dates, no hours, no provider, no move-out date) explains nothing', () => {
    const vague: Array<[string, unknown]> = [
      ['innocent-traveller', { travel: [{ countries: ['ES', 'FR'], note: 'travelling' }] }],
      ['innocent-traveller', { travel: [{ countries: ['ES'], from: '2026-11-01', to: '2026-11-05' }] }],
      ['innocent-night-shift', { workingHours: { note: 'flexible hours' } }],
      ['innocent-employer-of-record', { payment: { arrangement: 'employer-of-record' } }],
      ['innocent-employer-of-record', { payment: { arrangement: 'employer-of-record', provider: 'Acme Payroll Friends Ltd' } }],
      ['innocent-recent-move', { previousAddresses: [{ address: { line1: '45 Pine St', city: 'Dallas', postalCode: '75201', country: 'US' } }] }],
    ];
    for (const [file, declarations] of vague) {
      const a = profile(file);
      a.declarations = declarations;
      const r = check(a);
      expect(levelRank(r.level), `${file} ${JSON.stringify(declarations)}`).toBeGreaterThanOrEqual(levelRank('medium'));
    }
  });

  test('a declared trip does not explain sessions outside its dates', () => {
    const a = profile('innocent-traveller');
    a.declarations = { travel: [{ countries: ['ES', 'FR'], from: '2026-11-03', to: '2026-11-05' }] };
    expect(check(a).findings.map((f) => f.ruleId)).toContain('network.many-countries-one-week');
  });

  test('an explained finding does not complete a pattern', () => {
    const a = profile('scheme-hidden-location');
    // camera on, so only night activity could complete hidden-location; a declared shift explains it.
    a.interviews = [{ at: '2026-10-08T15:00:00Z', kind: 'video', cameraOn: true }];
    a.network = { sessions: [0, 1, 2, 3].map((i) => ({ at: `2026-10-0${i + 1}T05:00:00Z`, ip: `104.131.0.${10 + i}` })) };
    expect(check(a).findings.map((f) => f.ruleId)).toContain('network.hidden-location');
    a.declarations = { workingHours: { shift: 'night' } };
    const r = check(a);
    expect(r.findings.map((f) => f.ruleId)).not.toContain('network.hidden-location');
    expect(r.explained?.map((e) => e.ruleId)).toEqual(['network.night-time-activity']);
  });
});

describe("the organisation's own VPN egress (configuration) explains hosting sessions", () => {
  test('sessions through configured egress ranges are explained; others still count', () => {
    const cwd = tempTree({ '.dprk-check.yaml': yaml({ lists: { 'organisation-vpn-egress': ['104.131.0.0/24'] } }) });
    const { config, diagnostics } = loadConfig({ cwd });
    expect(diagnostics).toEqual([]);
    const rs = loadRuleSet({ listAdditions: config!.lists });
    const rules = tuneRuleSet(rs, config).rules;
    const a = profile('scheme-hidden-location');
    const r = check(a, rules);
    expect(r.explained?.map((e) => e.ruleId).sort()).toEqual(['network.all-sessions-hosting', 'network.hosting-network']);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['identity.camera-avoidance']);
    // Without the configuration the same record is high.
    expect(check(a).level).toBe('high');
  });
});

describe('remote-access tools: the organisation sanctions its own, a second tool counts', () => {
  test('a tool on the configured sanctioned list is explained; any other still counts; two different tools fire', () => {
    const cwd = tempTree({ '.dprk-check.yaml': yaml({ lists: { 'sanctioned-remote-access-tools': ['NinjaOne', 'NinjaRMMAgent'] } }) });
    const { config } = loadConfig({ cwd });
    const rules = tuneRuleSet(loadRuleSet({ listAdditions: config!.lists }), config).rules;
    const own = check({ id: 'x', name: { full: 'A B' }, network: { remoteAccessTools: ['NinjaRMMAgent'] } }, rules);
    expect(own.findings).toEqual([]);
    expect(own.explained?.map((e) => e.ruleId)).toEqual(['network.remote-access-tool']);
    const two = check({ id: 'x', name: { full: 'A B' }, network: { remoteAccessTools: ['NinjaRMMAgent', 'AnyDesk 8.0.9'] } }, rules);
    expect(two.findings.map((f) => f.ruleId).sort()).toEqual(['network.remote-access-tool', 'network.several-remote-access-tools']);
    // Without the configuration the company's own agent is a finding.
    expect(check({ id: 'x', name: { full: 'A B' }, network: { remoteAccessTools: ['NinjaRMMAgent'] } }).findings.map((f) => f.ruleId)).toEqual([
      'network.remote-access-tool',
    ]);
  });

  test('"313 General Bureau" is its own entry, not an alias of the Munitions Industry Department', () => {
    const r = check({ id: 'x', name: { full: 'A B' }, employment: [{ employer: '313 General Bureau', start: '2019' }] });
    const f = r.findings.find((x) => x.ruleId === 'affiliation.reported-front');
    expect(f?.evidence[0]!.note).toContain('313 General Bureau');
    expect(r.findings.map((x) => x.ruleId)).not.toContain('affiliation.designated-entity');
  });
});
