import { describe, expect, test } from 'vitest';
import { applicant, cli, phoneRule, tempTree, yaml } from '../helpers/cli-rule-packs.js';
import { listYaml } from '../helpers/rule-pack.js';

/**
 * A check with no rule to run would pass every applicant as 'none' and exit 0: a CI job would
 * take a mistyped --rules path, or a configuration that disables everything, for a clean export.
 * Each is an error (exit 2) before anything is checked, as linters refuse to lint with no rules.
 */

const A = applicant({ contact: { phones: ['+850 2 381 0000'] } });
const NO_CONFIG = ['--no-config'];

const tree = () =>
  tempTree({
    'a.json': A,
    // An empty pack: only notes (ignored silently), so the directory exists.
    'empty/README.md': 'rules go here\n',
    // YAML that is neither a rule nor a list.
    'notes/network/ideas.yaml': 'title: ideas for rules\n',
    'lists-only/lists/kp-prefixes.yaml': listYaml('kp-prefixes', 'text', ['+850']),
    'team/network/kp-phone.yaml': yaml(phoneRule('kp-phone', '+850')),
    'old/network/kp-phone-old.yaml': yaml(phoneRule('kp-phone-old', '+850', { status: 'deprecated', replacedBy: 'network.kp-phone' })),
    'all-off.yaml': 'rules: [team]\ndisable: ["*"]\n',
  });

describe('a check with no rule to run is an error, not a pass', () => {
  test.each([
    [
      'an empty pack, alone',
      ['--no-builtin-rules', '--rules', 'empty'],
      'empty: error rule-pack-empty: no rules loaded from empty: it holds no rule or list file (.yaml)',
    ],
    ['an empty pack beside the built-in rules', ['--rules', 'empty'], 'error rule-pack-empty: no rules loaded from empty'],
    [
      'a pack of YAML that is no rule',
      ['--no-builtin-rules', '--rules', 'notes'],
      'notes: error rule-pack-empty: no rules loaded from notes: none of its 1 YAML file is a rule or a list',
    ],
    [
      'a pack of lists only, alone',
      ['--no-builtin-rules', '--rules', 'lists-only'],
      'error rules-none-running: no rules loaded from lists-only: the packs hold lists but no rule',
    ],
    [
      'every rule deprecated',
      ['--no-builtin-rules', '--rules', 'old'],
      'error rules-none-running: none of the 1 loaded rule would run (1 deprecated, 0 disabled by the configuration)',
    ],
  ])('%s: exit 2, the reason, and no report', async (_, args, message) => {
    const r = await cli([...args, ...NO_CONFIG, '-f', 'json', 'a.json'], tree());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('nothing was checked');
    expect(r.stdout).toBe('');
  });

  test('a configuration that disables every rule: exit 2, config-disables-all is an error', async () => {
    const r = await cli(['--no-builtin-rules', '--config', 'all-off.yaml', '-f', 'json', 'a.json'], tree());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('all-off.yaml: error config-disables-all: THE CONFIGURATION DISABLES EVERY RULE (1 of 1');
    expect(r.stdout).toBe('');
  });

  test('a pack of lists only beside a pack of rules loads, and the rules run', async () => {
    const r = await cli(['--no-builtin-rules', '--rules', 'lists-only', '--rules', 'team', ...NO_CONFIG, '-f', 'json', 'a.json'], tree());
    expect(r.stderr).not.toContain('rule-pack-empty');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).applicants[0].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['network.kp-phone']);
  });
});

describe('the rules commands and an empty pack', () => {
  test('rules list, validate and test refuse an empty pack (exit 2) and name it', async () => {
    const cwd = tree();
    for (const args of [
      ['rules', 'list', '--no-builtin-rules', '--rules', 'empty'],
      ['rules', 'validate', '--no-builtin-rules', 'empty'],
      ['rules', 'test', '--no-builtin-rules', 'empty'],
    ]) {
      const r = await cli([...args, ...NO_CONFIG], cwd);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stdout + r.stderr).toContain('rule-pack-empty: no rules loaded from empty');
    }
  });

  test('rules list under a configuration that disables every rule still lists them (that is where one sees why), exit 0', async () => {
    const r = await cli(['rules', 'list', '--no-builtin-rules', '--config', 'all-off.yaml'], tree());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/network\.kp-phone\s+network\s+high\s+experimental\s+disabled \(\*\)/);
    expect(r.stdout).toContain('1 rule, 0 of them running');
    expect(r.stderr).toContain('error config-disables-all');
  });
});
