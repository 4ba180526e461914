import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DiagnosticsError } from '../../../src/model/diagnostic.js';
import { collectRuleSet, loadRuleSet } from '../../../src/ruleset/load.js';
import { MAX_RULE_FILE_BYTES } from '../../../src/yaml/yaml-source.js';
import { phoneRule, tempTree, yaml } from '../../helpers/cli-rule-packs.js';
import { yamlBomb } from '../../helpers/yaml-bomb.js';

const load = (root: string) => collectRuleSet({ paths: [root], cwd: root });

describe('collectRuleSet', () => {
  test('reports the problems of every file instead of stopping at the first', () => {
    const root = tempTree({
      'network/a.yaml': yaml(phoneRule('a', '+850', { severity: 'severe' })),
      'network/b.yaml': yaml(phoneRule('b', '+850', { match: { field: 'contact.phonez[]', startsWith: '+850' } })),
      'network/c.yaml': yaml(phoneRule('c')),
    });
    const { ruleSet, errors } = load(root);
    expect(errors.map((e) => e.file).sort()).toEqual(['network/a.yaml', 'network/b.yaml']);
    expect(errors.find((e) => e.file === 'network/b.yaml')?.hint).toContain("did you mean 'contact.phones'");
    // The good rule still loads, so validate can report on it too.
    expect(ruleSet.rules.map((r) => r.spec.id)).toEqual(['network.c']);
  });

  test('loadRuleSet still throws, carrying every error', () => {
    const root = tempTree({
      'network/a.yaml': yaml(phoneRule('a', '+850', { severity: 'severe' })),
      'network/b.yaml': yaml(phoneRule('b', '+850', { status: 'retired' })),
    });
    expect(() => loadRuleSet({ paths: [root], cwd: root })).toThrow(DiagnosticsError);
    try {
      loadRuleSet({ paths: [root], cwd: root });
    } catch (e) {
      expect((e as DiagnosticsError).diagnostics.filter((d) => d.severity === 'error')).toHaveLength(2);
    }
  });

  test('missing references, false positives and cases are lint warnings: the rule still loads', () => {
    const { references: _r, falsepositives: _f, cases: _c, ...bare } = phoneRule('bare');
    const root = tempTree({ 'network/bare.yaml': yaml(bare) });
    const { ruleSet, errors } = load(root);
    expect(errors).toEqual([]);
    expect(ruleSet.rules).toHaveLength(1);
    expect(ruleSet.lint.map((d) => d.code).sort()).toEqual([
      'rule-missing-cases',
      'rule-missing-cases',
      'rule-missing-falsepositives',
      'rule-missing-references',
    ]);
    expect(ruleSet.lint.every((d) => d.severity === 'warning' && d.ruleId === 'network.bare' && d.hint)).toBe(true);
    expect(ruleSet.rules[0]!.spec.cases).toEqual({ match: [], nomatch: [] });
  });

  test('a deprecated rule without replacement, and a replacement that does not exist, are lint warnings', () => {
    const root = tempTree({
      'network/old.yaml': yaml(phoneRule('old', '+850', { status: 'deprecated' })),
      'network/older.yaml': yaml(phoneRule('older', '+850', { status: 'deprecated', replacedBy: 'network.nwe' })),
      'network/new.yaml': yaml(phoneRule('new')),
    });
    const { ruleSet, errors } = load(root);
    expect(errors).toEqual([]);
    const msgs = ruleSet.lint.filter((d) => d.code === 'rule-replacement');
    expect(msgs.find((d) => d.ruleId === 'network.old')?.message).toBe('a deprecated rule names no replacement');
    const unknown = msgs.find((d) => d.ruleId === 'network.older');
    expect(unknown?.message).toContain("'network.nwe', which is not a loaded rule");
    expect(unknown?.hint).toBe("did you mean 'network.new'?");
  });

  test('a case applicant that is not a valid record is reported at its line', () => {
    const rule = phoneRule('p', '+850', {
      cases: { match: [{ name: 'typo in the case', applicant: { contact: { phone: ['+850 1'] } } }], nomatch: [{ name: 'none', applicant: {} }] },
    });
    const root = tempTree({ 'network/p.yaml': yaml(rule) });
    const d = load(root).ruleSet.lint.find((x) => x.code === 'rule-case-invalid');
    expect(d?.message).toContain("case 'typo in the case': unknown field 'contact.phone'");
    const text = yaml(rule).split('\n');
    expect(text[d!.line! - 1]).toContain('phone');
  });

  test('duplicate rule ids across packs are errors naming the first definition', () => {
    const root = tempTree({ 'a/network/same.yaml': yaml(phoneRule('same')), 'b/network/same.yaml': yaml(phoneRule('same')) });
    const { errors } = collectRuleSet({ paths: [join(root, 'a'), join(root, 'b')], cwd: root });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'rule-duplicate-id', file: 'b/network/same.yaml', ruleId: 'network.same' });
    expect(errors[0]!.message).toContain('a/network/same.yaml:');
  });

  test('a pack named twice, or a file inside a named directory, loads once', () => {
    const root = tempTree({ 'network/x.yaml': yaml(phoneRule('x')) });
    const { ruleSet, errors } = collectRuleSet({ paths: [root, root, join(root, 'network/x.yaml')], cwd: root });
    expect(errors).toEqual([]);
    expect(ruleSet.rules).toHaveLength(1);
  });
});

describe('hostile and odd files', () => {
  test('a YAML bomb is refused with a clear message at an alias', () => {
    const root = tempTree({ 'network/bomb.yaml': yamlBomb() });
    const [e] = load(root).errors;
    expect(e).toMatchObject({ code: 'yaml-syntax', file: 'network/bomb.yaml', line: 2 });
    expect(e!.message).toContain('aliases expand too far');
    expect(e!.message).toContain('billion laughs');
  });

  test('a duplicate key names the key and its line', () => {
    const text = yaml(phoneRule('dup')).replace('severity: high\n', 'severity: high\nseverity: low\n');
    const root = tempTree({ 'network/dup.yaml': text });
    const [e] = load(root).errors;
    expect(e!.message).toBe("YAML duplicate key 'severity'");
    expect(text.split('\n')[e!.line! - 1]).toBe('severity: low');
    expect(e!.hint).toContain('remove or rename');
  });

  test('a 10 MB rule file is refused before it is read', () => {
    const root = tempTree({});
    writeFileSync(join(root, 'huge.yaml'), Buffer.alloc(10 * 1024 * 1024, 'a'));
    const [e] = load(root).errors;
    expect(e).toMatchObject({ code: 'input-too-large', file: 'huge.yaml', line: 1 });
    expect(e!.message).toContain(`the limit is ${MAX_RULE_FILE_BYTES}`);
  });

  test('non-rule files in a rule directory are skipped with a warning; notes are ignored', () => {
    const root = tempTree({
      'network/x.yaml': yaml(phoneRule('x')),
      'network/rule.json': '{}',
      'network/compose.yaml': 'services:\n  web:\n    image: nginx\n',
      'README.md': '# our rules',
    });
    const { ruleSet, errors } = load(root);
    expect(errors).toEqual([]);
    expect(ruleSet.rules).toHaveLength(1);
    expect(ruleSet.warnings.map((w) => [w.file, w.code])).toEqual([
      ['network/rule.json', 'input-not-rule'],
      ['network/compose.yaml', 'input-not-rule'],
    ]);
  });

  test('two documents in one file are an error pointing at the second', () => {
    const root = tempTree({ 'network/two.yaml': `${yaml(phoneRule('two'))}---\n${yaml(phoneRule('three'))}` });
    const [e] = load(root).errors;
    expect(e!.message).toContain('multiple docs');
    expect(e!.hint).toContain("split the file at '---'");
  });

  test('a list cannot include another list, so list references cannot form a cycle', () => {
    const root = tempTree({
      'lists/a.yaml': yaml({ list: 'a', kind: 'text', title: 'List A', references: [{ title: 'x' }], entries: [{ list: 'b' }] }),
    });
    const { errors } = load(root);
    expect(errors.every((e) => e.code === 'list-invalid' && e.file === 'lists/a.yaml')).toBe(true);
    expect(errors.map((e) => e.message)).toContain("entries.0.list: unknown field 'list'");
    expect(errors.map((e) => e.message)).not.toContain('entries.0: must be string');
  });
});

describe('format and engine versions', () => {
  test('a newer rule format is refused with the version in words, before any schema complaint', () => {
    const root = tempTree({ 'network/x.yaml': yaml(phoneRule('x', '+850', { format: 2, newKey: true })) });
    const { errors } = load(root);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'rule-format-version', ruleId: 'network.x' });
    expect(errors[0]!.message).toMatch(/uses rule format 2, but this dprk-check \(\d+\.\d+\.\d+\) reads format 1/);
  });

  test('minEngine newer than this dprk-check is refused; an older one loads', () => {
    const root = tempTree({
      'network/future.yaml': yaml(phoneRule('future', '+850', { minEngine: '99.0.0', match: { field: 'contact.phones[]', soundsLike: 'x' } })),
      'network/past.yaml': yaml(phoneRule('past', '+850', { minEngine: '0.0.1' })),
    });
    const { ruleSet, errors } = load(root);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'rule-engine-version', file: 'network/future.yaml' });
    expect(errors[0]!.message).toMatch(/needs dprk-check 99\.0\.0 or newer; this is dprk-check \d/);
    expect(errors[0]!.hint).toContain('upgrade dprk-check');
    expect(ruleSet.rules.map((r) => r.spec.id)).toEqual(['network.past']);
  });

  test('minEngine must look like a version', () => {
    const root = tempTree({ 'network/x.yaml': yaml(phoneRule('x', '+850', { minEngine: 'latest' })) });
    expect(load(root).errors[0]!.message).toContain('minEngine');
  });
});

describe('one run shows every problem', () => {
  test('a rule with schema errors still has its condition checked', () => {
    const root = tempTree({
      'network/x.yaml': yaml(
        phoneRule('x', '+850', {
          severity: 'hihg',
          match: {
            all: [
              { field: 'derived.sessions[].hostng', equals: true },
              { field: 'contact.emails[]', regex: '^(\\w+)\\1$' },
            ],
          },
        }),
      ),
    });
    const { errors } = load(root);
    expect(errors.map((e) => e.code)).toEqual(['rule-schema', 'rule-unknown-field', 'rule-unsafe-regex']);
    expect(errors[0]!.hint).toBe("did you mean 'high'?");
    expect(errors[1]!.hint).toBe("did you mean 'derived.sessions[].hosting'?");
  });
});

describe('one run shows every problem, even beside schema errors', () => {
  test('file name and family mismatches, unknown operators, requires and message paths, all at once', () => {
    const root = tempTree({
      'network/wrong-name.yaml': yaml(
        phoneRule('x', '+850', {
          id: 'network.some-rule',
          family: 'identity',
          severity: 'hihg',
          message: 'Phone {{contact.phonez}}',
          requires: ['contact.phonex'],
          match: { field: 'contact.phones[]', startWith: '+850' },
        }),
      ),
    });
    const { errors } = load(root);
    const summary = errors.map((e) => `${e.code}: ${e.message}`).sort();
    expect(summary).toEqual([
      "rule-id-mismatch: file name 'wrong-name' does not match rule id 'network.some-rule'",
      "rule-id-mismatch: rule id 'network.some-rule' starts with 'network' but family is 'identity'",
      expect.stringMatching(/^rule-schema: severity: must be one of/),
      "rule-schema: unknown operator 'startWith'",
      expect.stringMatching(/^rule-unknown-field: message: unknown field 'contact.phonez'/),
      expect.stringMatching(/^rule-unknown-field: requires: unknown field 'contact.phonex'/),
    ]);
    // Each at its own line.
    expect(new Set(errors.map((e) => e.line)).size).toBe(errors.length);
  });
});
