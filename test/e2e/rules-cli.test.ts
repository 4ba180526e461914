import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { applicant, cli, phoneRule, tempTree, yaml } from '../helpers/cli-rule-packs.js';

const NO_BUILTIN = ['--no-builtin-rules', '--no-config'];

const goodPack = () =>
  tempTree({
    'pack/network/kp-phone.yaml': yaml(phoneRule('kp-phone', '+850')),
    'pack/network/cn-phone.yaml': yaml(phoneRule('cn-phone', '+86', { severity: 'low', status: 'stable' })),
    'pack/identity/ru-phone.yaml': yaml(phoneRule('ru-phone', '+7', { id: 'identity.ru-phone', family: 'identity', severity: 'medium' })),
  });

describe('rules list', () => {
  test('lists every rule with family, severity, status and title', async () => {
    const r = await cli(['rules', 'list', '--rules', 'pack', ...NO_BUILTIN], goodPack());
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^(network|identity)\./.test(l));
    expect(rows.map((l) => l.split(/\s+/).slice(0, 4))).toEqual([
      ['identity.ru-phone', 'identity', 'medium', 'experimental'],
      ['network.cn-phone', 'network', 'low', 'stable'],
      ['network.kp-phone', 'network', 'high', 'experimental'],
    ]);
    expect(r.stdout).toContain('Phone number starts with +850');
    expect(r.stdout).toContain('3 rules, 3 of them running.');
  });

  test('filters combine, and --format json gives the rows', async () => {
    const cwd = goodPack();
    const byFamily = JSON.parse((await cli(['rules', 'list', '--rules', 'pack', ...NO_BUILTIN, '--family', 'network', '--format', 'json'], cwd)).stdout);
    expect(byFamily.map((r: { id: string }) => r.id)).toEqual(['network.cn-phone', 'network.kp-phone']);
    const both = JSON.parse(
      (await cli(['rules', 'list', '--rules', 'pack', ...NO_BUILTIN, '--family', 'network', '--status', 'stable', '--format', 'json'], cwd)).stdout,
    );
    expect(both).toMatchObject([{ id: 'network.cn-phone', severity: 'low', status: 'stable', enabled: true, source: 'pack/network/cn-phone.yaml:2' }]);
    const bySeverity = JSON.parse((await cli(['rules', 'list', '--rules', 'pack', ...NO_BUILTIN, '--severity', 'medium', '--format', 'json'], cwd)).stdout);
    expect(bySeverity.map((r: { id: string }) => r.id)).toEqual(['identity.ru-phone']);
  });

  test('an unknown filter value is refused', async () => {
    const r = await cli(['rules', 'list', '--family', 'nationality'], goodPack());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Allowed choices are identity, network, affiliation, payroll, linkage');
  });

  test('shows what the configuration changed', async () => {
    const withConfig = tempTree({
      'pack/network/kp-phone.yaml': yaml(phoneRule('kp-phone', '+850')),
      'pack/network/cn-phone.yaml': yaml(phoneRule('cn-phone', '+86')),
      '.dprk-check.yaml': 'rules: [pack]\ndisable: [network.cn-phone]\nseverity: { network.kp-phone: medium }\n',
    });
    const text = await cli(['rules', 'list', '--no-builtin-rules'], withConfig);
    expect(text.stdout).toMatch(/network\.cn-phone\s+network\s+high\s+experimental\s+disabled \(network\.cn-phone\)/);
    expect(text.stdout).toMatch(/network\.kp-phone\s+network\s+medium\s+experimental\s+severity was high/);
    expect(text.stdout).toContain('2 rules, 1 of them running (configuration: .dprk-check.yaml).');
  });

  test('a pack that does not load stops the listing with the problems', async () => {
    const cwd = tempTree({ 'pack/network/x.yaml': yaml(phoneRule('x', '+850', { severity: 'severe' })) });
    const r = await cli(['rules', 'list', '--rules', 'pack', ...NO_BUILTIN], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pack\/network\/x\.yaml:\d+:\d+: error \[network\.x\] rule-schema: severity: must be one of/);
    expect(r.stdout).toBe('');
  });
});

describe('rules show', () => {
  test('everything a reviewer needs, with the condition in words and the weight in the score', async () => {
    const r = await cli(['rules', 'show', 'network.kp-phone', '--rules', 'pack', ...NO_BUILTIN], goodPack());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('network.kp-phone — Phone number starts with +850');
    expect(r.stdout).toContain('high: weight 0.6 in the score; on its own a finding of this rule scores 60/100 (high)');
    expect(r.stdout).toContain('Matches when\n  one of contact.phones[] starts with "+850"');
    expect(r.stdout).toContain('Fields used\n  contact.phones[]');
    expect(r.stdout).toContain('  - Test reference — 2024-01-01 — https://example.org/ref');
    expect(r.stdout).toContain('False positives\n  - A legitimate number with this prefix');
    expect(r.stdout).toContain('Next step\n  Call the number and confirm who answers.');
    expect(r.stdout).toContain('Cases (1 must match, 1 must not match)');
    expect(r.stdout).toContain('match    prefixed phone');
    expect(r.stdout).toContain('nomatch  other phone');
  });

  test('an info rule says it never raises the score', async () => {
    const cwd = tempTree({ 'pack/network/x.yaml': yaml(phoneRule('x', '+850', { severity: 'info' })) });
    const r = await cli(['rules', 'show', 'network.x', '--rules', 'pack', ...NO_BUILTIN], cwd);
    expect(r.stdout).toContain('info: weight 0 in the score; shown to reviewers, never raises the score');
  });

  test('json has the condition in words, the fields and the weight', async () => {
    const r = await cli(['rules', 'show', 'identity.ru-phone', '--rules', 'pack', ...NO_BUILTIN, '--format', 'json'], goodPack());
    expect(JSON.parse(r.stdout)).toMatchObject({
      id: 'identity.ru-phone',
      condition: 'one of contact.phones[] starts with "+7"',
      fields: ['contact.phones[]'],
      weight: 0.3,
      severity: 'medium',
    });
  });

  test('an unknown id suggests the closest', async () => {
    const r = await cli(['rules', 'show', 'network.kp-phon', '--rules', 'pack', ...NO_BUILTIN], goodPack());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no rule 'network.kp-phon'; did you mean 'network.kp-phone'?");
  });

  test('a prefix of a built-in id suggests it (edit distance alone did not)', async () => {
    const r = await cli(['rules', 'show', 'network.cn-ru-egress', '--no-config'], goodPack());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no rule 'network.cn-ru-egress'; did you mean 'network.cn-ru-egress-elsewhere-declared'?");
  });

  test('the built-in rule is explained too', async () => {
    const r = await cli(['rules', 'show', 'identity.document-name-mismatch', '--no-config'], tempTree({}));
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(
      "for at least one of identity.documents[]: its nameOnDocument differs from each of the applicant's name.full and the applicant's name.aliases[] (compared as names)",
    );
    expect(r.stdout).toContain('identity.documents[].nameOnDocument, name.full, name.aliases[]');
  });
});

describe('rules validate', () => {
  test('a clean pack: exit 0', async () => {
    const r = await cli(['rules', 'validate', 'pack', '--no-builtin-rules'], goodPack());
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('3 files, 3 rules checked: 0 errors, 0 warnings.\n');
  });

  test('lint-level issues: exit 1, each with file:line:col, rule id, what and how to fix', async () => {
    const { references: _r, ...noRefs } = phoneRule('no-refs');
    const cwd = tempTree({
      'pack/network/no-refs.yaml': yaml(noRefs),
      'pack/network/old.yaml': yaml(phoneRule('old', '+850', { status: 'deprecated' })),
      'pack/network/half.yaml': yaml(phoneRule('half', '+850', { cases: { match: (phoneRule().cases as { match: unknown[] }).match } })),
      'pack/network/notes.json': '{}',
    });
    const r = await cli(['rules', 'validate', 'pack', '--no-builtin-rules'], cwd);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const problem = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const refs = problem(/^pack\/network\/no-refs\.yaml:\d+:\d+: warning \[network\.no-refs\] rule-missing-references: the rule cites no references$/);
    expect(refs).toBeGreaterThanOrEqual(0);
    expect(lines[refs + 1]).toMatch(/^ {4}hint: add references:/);
    expect(
      problem(/^pack\/network\/old\.yaml:\d+:\d+: warning \[network\.old\] rule-replacement: a deprecated rule names no replacement$/),
    ).toBeGreaterThanOrEqual(0);
    expect(
      problem(/^pack\/network\/half\.yaml:\d+:\d+: warning \[network\.half\] rule-missing-cases: the rule has no must-not-match case \(cases\.nomatch\)$/),
    ).toBeGreaterThanOrEqual(0);
    expect(problem(/^pack\/network\/notes\.json: warning input-not-rule: not a YAML file: skipped$/)).toBeGreaterThanOrEqual(0);
    expect(r.stdout).toContain('3 files, 3 rules checked: 0 errors, 4 warnings.');
  });

  test('a broken pack: exit 2, every problem positioned and with a fix', async () => {
    const cwd = tempTree({
      'pack/network/typo.yaml': yaml(phoneRule('typo')).replace('references:', 'refrences:'),
      'pack/network/field.yaml': yaml(phoneRule('field', '+850', { match: { field: 'contact.phone[]', startsWith: '+850' } })),
      'pack/network/origin.yaml': yaml(phoneRule('origin', '+850', { match: { field: 'extra.nationality', equals: 'KP' } })),
      'pack/network/regex.yaml': yaml(phoneRule('regex', '+850', { match: { field: 'contact.emails[]', regex: '^(\\w+)\\1$' } })),
      'pack/network/bad-yaml.yaml': 'title: [unclosed\n',
      'pack/network/quantifier.yaml': yaml(phoneRule('quantifier', '+850', { match: { field: 'contact.phones[]', startsWith: '+850', quantifer: 'all' } })),
      'pack/network/list.yaml': yaml(phoneRule('list', '+850', { match: { field: 'contact.phones[]', in: { list: 'nope' } } })),
      'pack/network/proto.yaml': yaml(phoneRule('proto', '+850', { message: 'Phone {{__proto__}} {{constructor}}', requires: ['toString'] })),
    });
    const r = await cli(['rules', 'validate', 'pack', '--no-builtin-rules'], cwd);
    expect(r.code).toBe(2);
    const problems = r.stdout.split('\n').filter((l) => /^pack\//.test(l));
    expect(problems.length).toBeGreaterThanOrEqual(7);
    for (const p of problems) expect(p).toMatch(/^pack\/network\/[a-z-]+\.yaml:\d+:\d+: error( \[network\.[a-z-]+\])? [a-z-]+: ./);
    // Every problem is followed by how to fix it.
    const lines = r.stdout.split('\n');
    lines.forEach((l, i) => {
      if (/^pack\//.test(l)) expect(lines[i + 1]).toMatch(/^ {4}hint: ./);
    });
    const find = (file: string) => problems.filter((p) => p.startsWith(`pack/network/${file}.yaml`)).join('\n');
    expect(find('typo')).toContain("refrences: unknown field 'refrences'");
    expect(r.stdout).toContain("hint: did you mean 'references'?");
    expect(find('field')).toContain("unknown field 'contact.phone[]'");
    expect(find('origin')).toContain('looks like an origin attribute');
    expect(find('regex')).toContain('unsafe regex');
    expect(find('bad-yaml')).toContain('YAML');
    expect(find('quantifier')).toContain("unknown key 'quantifer'");
    expect(find('list')).toContain("unknown list 'nope'");
    // Inherited names are not fields: each placeholder and requires entry at its own line.
    expect(
      find('proto')
        .split('\n')
        .map((l) => l.replace(/^[^:]+:\d+:\d+: /, '')),
    ).toEqual([
      "error [network.proto] rule-unknown-field: message: unknown field '__proto__': 'the applicant' has no field '__proto__'",
      "error [network.proto] rule-unknown-field: message: unknown field 'constructor': 'the applicant' has no field 'constructor'",
      "error [network.proto] rule-unknown-field: requires: unknown field 'toString': 'the applicant' has no field 'toString'",
    ]);
    expect(r.stdout).toContain('These rule packs cannot be loaded');
  });

  test('--format json', async () => {
    const cwd = tempTree({ 'pack/network/x.yaml': yaml(phoneRule('x', '+850', { severity: 'severe' })) });
    const r = await cli(['rules', 'validate', 'pack', '--no-builtin-rules', '--format', 'json'], cwd);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ valid: false, files: 1, rules: 0, errors: 1, warnings: 0 });
    expect(out.diagnostics[0]).toMatchObject({ code: 'rule-schema', severity: 'error', file: 'pack/network/x.yaml', ruleId: 'network.x' });
    expect(out.diagnostics[0].line).toBeGreaterThan(0);
    expect(out.diagnostics[0].hint).toBeTruthy();
  });

  test("a team's pack is checked against the built-in one: a clashing id is an error", async () => {
    const cwd = tempTree({
      'pack/identity/document-name-mismatch.yaml': yaml(
        phoneRule('document-name-mismatch', '+850', { id: 'identity.document-name-mismatch', family: 'identity' }),
      ),
    });
    const r = await cli(['rules', 'validate', 'pack'], cwd);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(
      /pack\/identity\/document-name-mismatch\.yaml:\d+:\d+: error \[identity\.document-name-mismatch\] rule-duplicate-id: rule id 'identity\.document-name-mismatch' is already defined in .*rules\/identity\/document-name-mismatch\.yaml/,
    );
    expect(r.stdout).toContain('1 file, 0 rules checked');
  });

  test('a path that does not exist, or holds no rules, cannot be validated', async () => {
    expect((await cli(['rules', 'validate', 'nope', '--no-builtin-rules'], tempTree({}))).code).toBe(2);
    const empty = await cli(['rules', 'validate', '.', '--no-builtin-rules'], tempTree({ 'README.md': '#' }));
    expect(empty.code).toBe(2);
    expect(empty.stdout).toContain('.: error rule-pack-empty: no rules loaded from .: it holds no rule or list file (.yaml)');
  });

  test('without paths, validates what a check would load, the configuration included', async () => {
    const cwd = tempTree({
      'pack/network/kp-phone.yaml': yaml(phoneRule('kp-phone', '+850')),
      '.dprk-check.yaml': 'rules: [pack]\ndisable: [network.kp-phon]\n',
    });
    const r = await cli(['rules', 'validate', '--no-builtin-rules'], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      ".dprk-check.yaml:2:11: warning config-unused: disable pattern 'network.kp-phon' matches no loaded rule\n    hint: did you mean 'network.kp-phone'?",
    );
  });

  test('the built-in pack validates clean', async () => {
    const r = await cli(['rules', 'validate', '--no-config'], tempTree({}));
    expect(r.stdout).toMatch(/0 errors, 0 warnings/);
    expect(r.code).toBe(0);
  });
});

describe('rules test', () => {
  test('a passing pack: per-rule PASS and the summary line', async () => {
    const r = await cli(['rules', 'test', 'pack', '--no-builtin-rules'], goodPack());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PASS network.kp-phone (2 cases)');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('6 passed, 0 failed');
  });

  test('a broken case fails with what was expected and what matched', async () => {
    const rule = phoneRule('kp-phone', '+850', {
      cases: {
        match: [
          { name: 'wrong prefix', applicant: { contact: { phones: ['+86 10 1234 5678'] } } },
          { name: 'no phones at all', applicant: { contact: { emails: ['a@example.com'] } } },
        ],
        nomatch: [{ name: 'actually matches', applicant: { contact: { phones: ['+850 2 381 0000'] } } }],
      },
    });
    const cwd = tempTree({ 'pack/network/kp-phone.yaml': yaml(rule), 'pack/network/ok.yaml': yaml(phoneRule('ok')) });
    const r = await cli(['rules', 'test', 'pack', '--no-builtin-rules'], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL network.kp-phone pack/network/kp-phone.yaml:2');
    expect(r.stdout).toContain('  ✗ match › wrong prefix pack/network/kp-phone.yaml:19\n      expected: a match\n      got:      no match\n');
    expect(r.stdout).toContain(
      '  ✗ match › no phones at all pack/network/kp-phone.yaml:24\n      expected: a match\n      got:      no match (the case holds no data for what it reads (contact.phones[]))',
    );
    expect(r.stdout).toContain(
      '  ✗ nomatch › actually matches pack/network/kp-phone.yaml:30\n      expected: no match\n      got:      a match on\n                contact.phones[0] = "+850 2 381 0000" (startsWith "+850")',
    );
    expect(r.stdout).toContain('PASS network.ok (2 cases)');
    expect(r.stdout).toContain('2 rules: 1 passing, 1 failing');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('2 passed, 3 failed');
  });

  test('a rule without a kind of case counts as failing', async () => {
    const cwd = tempTree({ 'pack/network/x.yaml': yaml(phoneRule('x', '+850', { cases: { match: (phoneRule().cases as { match: unknown[] }).match } })) });
    const r = await cli(['rules', 'test', 'pack', '--no-builtin-rules'], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  ✗ no must-not-match case: add cases.nomatch');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('1 passed, 1 failed');
  });

  test('an invalid case applicant fails with the reason', async () => {
    const cwd = tempTree({
      'pack/network/x.yaml': yaml(
        phoneRule('x', '+850', { cases: { match: [{ name: 'bad', applicant: { contact: { phones: 5 } } }], nomatch: [{ name: 'empty', applicant: {} }] } }),
      ),
    });
    const r = await cli(['rules', 'test', 'pack', '--no-builtin-rules'], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  ✗ match › bad pack/network/x.yaml:19\n      case applicant is invalid: contact.phones: must be array');
  });

  test('a pack that cannot load: exit 2, nothing run', async () => {
    const cwd = tempTree({ 'pack/network/x.yaml': 'title: [\n' });
    const r = await cli(['rules', 'test', 'pack', '--no-builtin-rules'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pack/network/x.yaml:');
    expect(r.stderr).toContain('no case was run');
    expect(r.stdout).toBe('');
  });

  test('--format json', async () => {
    const r = await cli(['rules', 'test', 'pack', '--no-builtin-rules', '--format', 'json'], goodPack());
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ passed: 6, failed: 0 });
    expect(out.rules.map((x: { id: string; passed: boolean }) => [x.id, x.passed])).toEqual([
      ['identity.ru-phone', true],
      ['network.cn-phone', true],
      ['network.kp-phone', true],
    ]);
  });

  test('every built-in rule passes its own cases', async () => {
    const r = await cli(['rules', 'test', '--no-config'], tempTree({}));
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/^[1-9]\d* passed, 0 failed$/);
    expect(r.code).toBe(0);
  });
});

describe('tuning a check with .dprk-check.yaml', () => {
  const base = (config: string, extra: Record<string, string> = {}) =>
    tempTree({
      'team/network/kp-phone.yaml': yaml(phoneRule('kp-phone', '+850')),
      'team/network/cn-phone.yaml': yaml(phoneRule('cn-phone', '+86', { severity: 'medium' })),
      'a.json': applicant({
        contact: { phones: ['+850 2 381 0000', '+86 10 1234 5678'], addresses: [{ line1: '500 Agency Way', city: 'Columbus', country: 'US' }] },
      }),
      '.dprk-check.yaml': config,
      ...extra,
    });

  test('the config adds a rule pack; its rules flag', async () => {
    const r = await cli(['--no-builtin-rules', 'a.json', '--format', 'json'], base('rules: [team]\n'));
    expect(r.code).toBe(1);
    expect(
      JSON.parse(r.stdout)
        .applicants[0].findings.map((f: { ruleId: string }) => f.ruleId)
        .sort(),
    ).toEqual(['network.cn-phone', 'network.kp-phone']);
  });

  test('an exception suppresses a finding, and the report says which exception suppressed what', async () => {
    const config = [
      'rules: [team]',
      'exceptions:',
      '  - id: acme-staffing',
      '    rule: network.kp-phone',
      '    reason: Acme Staffing places contractors; their office line routes through this number',
      '    when:',
      '      some: contact.addresses[]',
      '      where: { field: line1, equals: 500 Agency Way }',
      '',
    ].join('\n');
    const cwd = base(config);
    const json = await cli(['--no-builtin-rules', 'a.json', '--format', 'json'], cwd);
    const a = JSON.parse(json.stdout).applicants[0];
    expect(a.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['network.cn-phone']);
    expect(a.suppressed).toEqual([
      {
        ruleId: 'network.kp-phone',
        title: 'Phone number starts with +850',
        severity: 'high',
        exception: 'acme-staffing',
        reason: 'Acme Staffing places contractors; their office line routes through this number',
        source: '.dprk-check.yaml:3',
      },
    ]);
    expect(a.level).toBe('medium');
    expect(json.code).toBe(0);
    const text = await cli(['--no-builtin-rules', 'a.json'], cwd);
    expect(text.stdout).toContain(
      "Suppressed by configured exceptions\n  – network.kp-phone (high) Phone number starts with +850 — exception 'acme-staffing' (.dprk-check.yaml:3): Acme Staffing places",
    );
    expect(text.stderr).not.toContain('suppressed no finding');
  });

  test('an exception that matches nothing in the run is warned about', async () => {
    const cwd = base(
      'rules: [team]\nexceptions:\n  - id: old-vpn\n    rule: "*"\n    reason: the VPN we used until 2023\n    when: { field: "network.sessions[].ip", cidr: [192.0.2.0/24] }\n',
    );
    const r = await cli(['--no-builtin-rules', 'a.json'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(".dprk-check.yaml:3:5: warning config-unused: exception 'old-vpn' suppressed no finding in this run (1 applicant checked)");
  });

  test('disabling every rule is refused loudly (exit 2, nothing checked); disabling some shows in the rule-set version', async () => {
    const r = await cli(['--no-builtin-rules', 'a.json', '--format', 'json'], base('rules: [team]\ndisable: ["*"]\n'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error config-disables-all: THE CONFIGURATION DISABLES EVERY RULE (2 of 2');
    expect(r.stdout).toBe('');
    const some = await cli(['--no-builtin-rules', 'a.json', '--format', 'json'], base('rules: [team]\ndisable: [network.cn-phone]\n'));
    expect(JSON.parse(some.stdout).tool.rulesVersion).toMatch(/\+config\./);
  });

  test('severity overrides change the score', async () => {
    const r = await cli(['--no-builtin-rules', 'a.json', '--format', 'json'], base('rules: [team]\nseverity:\n  network.*: low\n'));
    const a = JSON.parse(r.stdout).applicants[0];
    expect(a.findings.map((f: { severity: string }) => f.severity)).toEqual(['low', 'low']);
    expect(a.level).toBe('low');
    expect(r.code).toBe(0);
  });

  test('defaults apply, and a flag on the command line wins', async () => {
    const cwd = base('rules: [team]\ndefaults:\n  failOn: critical\n  format: json\n');
    const byConfig = await cli(['--no-builtin-rules', 'a.json'], cwd);
    expect(byConfig.code).toBe(0);
    expect(JSON.parse(byConfig.stdout).failOn).toBe('critical');
    const byFlag = await cli(['--no-builtin-rules', 'a.json', '--fail-on', 'medium', '--format', 'text'], cwd);
    expect(byFlag.code).toBe(1);
    expect(byFlag.stdout).toContain('Risk: HIGH');
  });

  test('--no-config ignores the file; --config reads another; a missing one is an error', async () => {
    const cwd = base('rules: [team]\n', { 'other.yaml': 'rules: [team]\ndisable: [network.kp-phone]\n' });
    expect((await cli(['--no-builtin-rules', '--no-config', 'a.json'], cwd)).code).toBe(2);
    const other = await cli(['--no-builtin-rules', '--config', 'other.yaml', 'a.json', '--format', 'json'], cwd);
    expect(JSON.parse(other.stdout).applicants[0].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['network.cn-phone']);
    const missing = await cli(['--config', 'nope.yaml', 'a.json'], cwd);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml: error config-invalid: configuration file not found');
  });

  test('an invalid configuration stops the run before anything is checked', async () => {
    const r = await cli(
      ['--no-builtin-rules', 'a.json'],
      base('rules: [team]\nexceptions:\n  - id: x\n    rule: "*"\n    reason: a good enough reason\n    when: { field: contact.fax, exists: true }\n'),
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(".dprk-check.yaml:6:20: error config-invalid: exception 'x': unknown field 'contact.fax'");
    expect(r.stderr).toContain('could not be applied; nothing was checked');
  });

  test('watchlist entries added by the configuration take effect', async () => {
    const toolRule = phoneRule('remote-tool', '', {
      id: 'network.remote-tool',
      title: 'Remote access tool on the watchlist',
      match: { field: 'network.remoteAccessTools[]', in: { list: 'remote-tools' } },
      cases: {
        match: [{ name: 'listed tool', applicant: { network: { remoteAccessTools: ['PiKVM'] } } }],
        nomatch: [{ name: 'unlisted', applicant: { network: { remoteAccessTools: ['Zoom'] } } }],
      },
    });
    const files = {
      'team/network/remote-tool.yaml': yaml(toolRule),
      'team/lists/remote-tools.yaml': yaml({
        list: 'remote-tools',
        kind: 'text',
        title: 'Remote access tools',
        references: [{ title: 'Advisory' }],
        entries: ['PiKVM'],
      }),
      'b.json': applicant({ network: { remoteAccessTools: ['TinyPilot'] } }),
    };
    const without = await cli(['--no-builtin-rules', 'b.json', '--format', 'json'], tempTree({ ...files, '.dprk-check.yaml': 'rules: [team]\n' }));
    expect(JSON.parse(without.stdout).applicants[0].findings).toEqual([]);
    const withEntry = await cli(
      ['--no-builtin-rules', 'b.json', '--format', 'json'],
      tempTree({ ...files, '.dprk-check.yaml': 'rules: [team]\nlists:\n  remote-tools: [TinyPilot]\n' }),
    );
    expect(JSON.parse(withEntry.stdout).applicants[0].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['network.remote-tool']);
  });

  test('--print-config shows the effective configuration as YAML, with where each default came from', async () => {
    const cwd = base('rules: [team]\ndisable: [network.cn-phone]\nseverity: { network.kp-phone: medium }\ndefaults: { failOn: medium }\n');
    const r = await cli(['--print-config', '--no-builtin-rules', '--format', 'json'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# configuration file: .dprk-check.yaml');
    expect(r.stdout).toContain('failOn: medium # .dprk-check.yaml');
    expect(r.stdout).toContain('format: json # command line');
    expect(r.stdout).toContain('strict: true # built-in default');
    const doc = parse(r.stdout);
    expect(doc.rulePacks).toEqual(['team']);
    expect(doc.rules).toEqual({
      loaded: 2,
      running: 1,
      disabled: { 'network.cn-phone': 'by network.cn-phone' },
      severity: { 'network.kp-phone': 'medium (was high; by network.kp-phone)' },
    });
  });

  test('--print-config reports a configuration that would not run, with exit 2', async () => {
    const r = await cli(['--print-config', '--no-builtin-rules'], base('rules: [missing-dir]\n'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rule path does not exist');
  });

  test('a rule pack with quality warnings runs, with one line saying so', async () => {
    const { references: _r, ...noRefs } = phoneRule('kp-phone');
    const cwd = tempTree({ 'team/network/kp-phone.yaml': yaml(noRefs), 'a.json': applicant({ contact: { phones: ['+850 2 381 0000'] } }) });
    const r = await cli(['--no-builtin-rules', '--rules', 'team', 'a.json'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'warning rule-quality: 1 rule-quality warning in the loaded rule packs (first: team/network/kp-phone.yaml: the rule cites no references); the rules still run',
    );
  });
});
