import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { tuneRuleSet } from '../../../src/config/tune-rules.js';
import { loadRuleSet } from '../../../src/ruleset/load.js';
import { phoneRule, tempTree, yaml } from '../../helpers/cli-rule-packs.js';

const pack = {
  'rules/network/kp-phone.yaml': yaml(phoneRule('kp-phone', '+850')),
  'rules/network/cn-phone.yaml': yaml(phoneRule('cn-phone', '+86', { severity: 'low' })),
  'rules/identity/ru-phone.yaml': yaml(phoneRule('ru-phone', '+7', { id: 'identity.ru-phone', family: 'identity' })),
  'rules/lists/ranges.yaml': yaml({ list: 'office-ranges', kind: 'cidr', title: 'Office ranges', references: [{ title: 'IT' }], entries: ['192.0.2.0/24'] }),
};

function tune(configText: string) {
  const cwd = tempTree({ ...pack, '.dprk-check.yaml': configText });
  const { config, diagnostics } = loadConfig({ cwd });
  expect(diagnostics).toEqual([]);
  const ruleSet = loadRuleSet({ paths: [join(cwd, 'rules')], cwd, listAdditions: config!.lists });
  return { tuned: tuneRuleSet(ruleSet, config), ruleSet };
}

describe('tuneRuleSet', () => {
  test('without a configuration the rule set passes through unchanged', () => {
    const cwd = tempTree(pack);
    const ruleSet = loadRuleSet({ paths: [join(cwd, 'rules')], cwd });
    const tuned = tuneRuleSet(ruleSet);
    expect(tuned.rules).toBe(ruleSet.rules);
    expect(tuned.version).toBe(ruleSet.version);
    expect(tuned.diagnostics).toEqual([]);
  });

  test('disables by id and by pattern, and says which pattern did it', () => {
    const { tuned } = tune('disable: [network.*, identity.ru-phone]\n');
    expect(tuned.rules).toEqual([]);
    expect(new Map(tuned.disabled.map((d) => [d.id, d.by]))).toEqual(
      new Map([
        ['network.kp-phone', 'network.*'],
        ['network.cn-phone', 'network.*'],
        ['identity.ru-phone', 'identity.ru-phone'],
      ]),
    );
  });

  test('star-heavy patterns in disable, severity and exceptions.rule are answered at once', () => {
    const stars = '"************x"';
    const t = performance.now();
    const { tuned } = tune(
      `disable: [${stars}]\nseverity:\n  ${stars}: high\nexceptions:\n  - id: office\n    rule: ${stars}\n    reason: our office network\n    when: { field: id, exists: true }\n`,
    );
    expect(performance.now() - t).toBeLessThan(5000);
    expect(tuned.rules).toHaveLength(3);
    expect(tuned.diagnostics.map((d) => d.code)).toEqual(['config-unused', 'config-unused', 'config-unused']);
  });

  test('refuses loudly when every rule is disabled (an error: a run would pass everyone as none)', () => {
    const { tuned } = tune('disable: ["*"]\n');
    const loud = tuned.diagnostics.find((d) => d.code === 'config-disables-all');
    expect(loud?.severity).toBe('error');
    expect(loud?.message).toMatch(/^THE CONFIGURATION DISABLES EVERY RULE \(3 of 3/);
  });

  test('severity: an exact id wins over a pattern, whatever the order', () => {
    const { tuned } = tune('severity:\n  network.kp-phone: medium\n  network.*: info\n');
    const sev = new Map(tuned.rules.map((r) => [r.spec.id, r.spec.severity]));
    expect(sev.get('network.kp-phone')).toBe('medium');
    expect(sev.get('network.cn-phone')).toBe('info');
    expect(sev.get('identity.ru-phone')).toBe('high');
    expect(tuned.overridden).toContainEqual({ id: 'network.kp-phone', from: 'high', to: 'medium', by: 'network.kp-phone' });
  });

  test('the loaded rules are not changed by an override', () => {
    const { tuned, ruleSet } = tune('severity:\n  network.kp-phone: low\n');
    expect(ruleSet.rules.find((r) => r.spec.id === 'network.kp-phone')!.spec.severity).toBe('high');
    expect(tuned.rules.find((r) => r.spec.id === 'network.kp-phone')!.spec.severity).toBe('low');
  });

  test('patterns that select nothing are warned about, at their line, with a guess', () => {
    const { tuned } = tune('disable:\n  - network.kp-phon\n  - payroll\nseverity:\n  identity.*: low\n  linkage.*: low\n');
    const unused = tuned.diagnostics.filter((d) => d.code === 'config-unused');
    expect(unused.map((d) => [d.line, d.hint])).toEqual([
      [2, "did you mean 'network.kp-phone'?"],
      [3, 'see `dprk-check rules list` for the ids'],
      [6, 'see `dprk-check rules list` for the ids'],
    ]);
  });

  test('a bare family name is pointed to its pattern', () => {
    const { tuned } = tune('disable: [network]\n');
    expect(tuned.diagnostics.find((d) => d.code === 'config-unused')?.hint).toBe("did you mean 'network.*'?");
  });

  test('the version changes with the configuration', () => {
    const a = tune('disable: [network.kp-phone]\n').tuned.version;
    const b = tune('disable: [network.cn-phone]\n').tuned.version;
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[0-9a-f]{12}\+config\.[0-9a-f]{6}$/);
    // Defaults alone do not change what is flagged, so they leave the version alone.
    const { tuned, ruleSet } = tune('defaults: { failOn: low }\n');
    expect(tuned.version).toBe(ruleSet.version);
  });
});

describe('exceptions compile with the rule compiler', () => {
  const exception = (when: string, rule = '"*"') => `exceptions:\n  - id: office\n    rule: ${rule}\n    reason: our own office network\n    when:\n${when}`;

  test('a valid exception covers the rules its patterns select, and can use lists', () => {
    const { tuned } = tune(exception('      some: network.sessions[]\n      where: { field: ip, cidr: { list: office-ranges } }\n', 'network.*'));
    expect(tuned.diagnostics).toEqual([]);
    expect([...tuned.exceptions[0]!.ruleIds].sort()).toEqual(['network.cn-phone', 'network.kp-phone']);
  });

  test('an unknown field in an exception is an error at its line, with a suggestion', () => {
    const { tuned } = tune(exception('      field: contact.phonez[]\n      equals: "+1 614 555 0100"\n'));
    expect(tuned.exceptions).toEqual([]);
    expect(tuned.diagnostics).toMatchObject([{ severity: 'error', code: 'config-invalid', line: 6, hint: "did you mean 'contact.phones'?" }]);
    expect(tuned.diagnostics[0]!.message).toMatch(/^exception 'office': unknown field/);
  });

  test('origin attributes and unsafe regexes are refused in exceptions as in rules', () => {
    expect(tune(exception('      field: contact.emails[]\n      regex: "(a+)\\\\1$"\n')).tuned.diagnostics[0]!.message).toContain('unsafe regex');
  });

  test('exceptions get the same regex policy: refused at their line, or matched in linear time', () => {
    const refused = tune(exception('      field: contact.emails[]\n      regex: "a{0,100}a{0,100}a{0,100}a{0,100}a{0,100}a{0,100}b"\n')).tuned.diagnostics;
    expect(refused).toMatchObject([{ severity: 'error', code: 'config-invalid', line: 7 }]);
    expect(refused[0]!.message).toContain('unsafe regex');
    // Accepted: a pattern that backtracks for minutes, run on a 30,000-character field.
    const { tuned } = tune(exception('      field: resume.text\n      regex: "(.*a){20}b"\n'));
    expect(tuned.diagnostics).toEqual([]);
    const facts = { resume: { text: 'a'.repeat(30_000) } } as never;
    // CPU time, not wall time: the suite shares the machine's cores with other workers.
    const before = process.cpuUsage();
    expect(tuned.exceptions[0]!.matches(facts)).toBe(false);
    const used = process.cpuUsage(before);
    expect((used.user + used.system) / 1000).toBeLessThan(100);
  });

  test('an exception naming a rule that is not loaded is a warning', () => {
    const { tuned } = tune(exception('      field: id\n      exists: true\n', '[network.kp-phone, network.gone]'));
    expect(tuned.exceptions).toHaveLength(1);
    expect(tuned.diagnostics).toMatchObject([{ severity: 'warning', code: 'config-unused', line: 3 }]);
    expect(tuned.diagnostics[0]!.message).toContain("rule pattern 'network.gone' matches no loaded rule");
  });

  test('watchlist additions reach the lists before rules compile, and are held to the list rules', () => {
    const cwd = tempTree({ ...pack, '.dprk-check.yaml': 'lists:\n  office-ranges:\n    - not-a-range\n  no-such-list:\n    - x\n' });
    const { config } = loadConfig({ cwd });
    expect(() => loadRuleSet({ paths: [join(cwd, 'rules')], cwd, listAdditions: config!.lists })).toThrow(/problems in rule files/);
    try {
      loadRuleSet({ paths: [join(cwd, 'rules')], cwd, listAdditions: config!.lists });
    } catch (e) {
      const ds = (e as { diagnostics: Array<{ line?: number; message: string; file?: string }> }).diagnostics;
      expect(ds.map((d) => [d.file, d.line, d.message])).toEqual([
        ['.dprk-check.yaml', 3, "lists.office-ranges: 'not-a-range' is not a CIDR range"],
        ['.dprk-check.yaml', 4, "lists: unknown list 'no-such-list'"],
      ]);
    }
  });
});
