import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { tempTree } from '../../helpers/cli-rule-packs.js';
import { yamlBomb } from '../../helpers/yaml-bomb.js';

const inDir = (text: string, name = '.dprk-check.yaml') => {
  const cwd = tempTree({ [name]: text });
  return { cwd, result: loadConfig({ cwd }) };
};

describe('finding the configuration', () => {
  test('none in the directory: no config, no problem', () => {
    expect(loadConfig({ cwd: tempTree({}) })).toEqual({ diagnostics: [] });
  });

  test('.dprk-check.yml is found too; --no-config skips it', () => {
    const cwd = tempTree({ '.dprk-check.yml': 'disable: [network.*]\n' });
    expect(loadConfig({ cwd }).config?.disable).toEqual(['network.*']);
    expect(loadConfig({ cwd, disabled: true }).config).toBeUndefined();
  });

  test('--config naming a missing file is an error', () => {
    const { diagnostics } = loadConfig({ cwd: tempTree({}), file: 'nope.yaml' });
    expect(diagnostics).toMatchObject([{ code: 'config-invalid', severity: 'error', file: 'nope.yaml', message: 'configuration file not found' }]);
  });

  test('an empty file is an empty configuration', () => {
    const { result } = inDir('# nothing yet\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.config).toMatchObject({ disable: [], exceptions: [], lists: [], rules: [], defaults: {} });
  });
});

describe('validation, positioned like rules', () => {
  test('a misspelt key gets a suggestion, at its line', () => {
    const { result } = inDir('defaults:\n  failOn: medium\ndisabel:\n  - network.*\n');
    expect(result.config).toBeUndefined();
    expect(result.diagnostics).toMatchObject([{ code: 'config-invalid', file: '.dprk-check.yaml', line: 3, column: 1, hint: "did you mean 'disable'?" }]);
  });

  test('bad values: severity, failOn, pattern, and an exception without a reason', () => {
    const text = [
      'severity:',
      '  network.vpn-use: severe', // 2
      'defaults:',
      '  failOn: sometimes', // 4
      'disable:',
      '  - "network..x"', // 6
      'exceptions:',
      '  - id: agency', // 8
      '    rule: "*"',
      '    when: { field: "contact.phones[]", equals: "+1 614 555 0100" }',
    ].join('\n');
    const { result } = inDir(text);
    const lines = result.diagnostics.map((d) => d.line).sort((a, b) => a! - b!);
    expect(lines).toEqual([2, 4, 6, 8]);
    expect(result.diagnostics.find((d) => d.line === 8)?.message).toContain("missing required field 'reason'");
  });

  test('an unknown default format is named, with the known ones', () => {
    const { result } = inDir('defaults:\n  format: jsn\n');
    expect(result.diagnostics).toMatchObject([{ line: 2, message: "defaults.format: unknown format 'jsn'", hint: "did you mean 'json'?" }]);
  });

  test('two exceptions with one id', () => {
    const e = (id: string) => `  - id: ${id}\n    rule: "*"\n    reason: a reason long enough\n    when: { field: id, exists: true }\n`;
    const { result } = inDir(`exceptions:\n${e('same')}${e('same')}`);
    expect(result.diagnostics).toMatchObject([{ line: 6, message: "exception id 'same' is already used by exceptions[0]" }]);
  });

  test('YAML problems are reported like in rule files', () => {
    const { result } = inDir('disable: [a]\ndisable: [b]\n');
    expect(result.diagnostics).toMatchObject([{ code: 'yaml-syntax', line: 2, message: "YAML duplicate key 'disable'" }]);
  });
});

describe('what a valid configuration holds', () => {
  test('rule packs resolve against the configuration file, not the working directory', () => {
    const cwd = tempTree({ 'conf/team.yaml': 'rules: [../team-rules, extra]\n' });
    const { config } = loadConfig({ cwd, file: 'conf/team.yaml' });
    expect(config?.rules).toEqual([join(cwd, 'team-rules'), join(cwd, 'conf/extra')]);
    expect(config?.shown).toBe('conf/team.yaml');
  });

  test('list entries carry their own positions; a single rule pattern becomes a list', () => {
    const text =
      'lists:\n  vpn-ranges:\n    - 203.0.113.0/24\n    - value: 198.51.100.0/24\n      note: office\nexceptions:\n  - id: vpn\n    rule: network.*\n    reason: corporate VPN exit nodes\n    when: { field: id, exists: true }\n';
    const { result } = inDir(text);
    const [add] = result.config!.lists;
    expect(add).toMatchObject({ list: 'vpn-ranges', source: { line: 2 } });
    expect(add!.entries.map((e) => e.value)).toEqual(['203.0.113.0/24', '198.51.100.0/24']);
    expect(add!.entrySources.map((p) => p.line)).toEqual([3, 4]);
    expect(result.config!.exceptions[0]).toMatchObject({ id: 'vpn', rule: ['network.*'], source: { line: 7 } });
  });
});

test('list entries in the configuration take the same shape as in list files', () => {
  const read = (n: string) => JSON.parse(readFileSync(join('schemas', n), 'utf8'));
  expect(read('config.schema.json').definitions.listEntry).toEqual(read('list.schema.json').properties.entries.items);
});

describe('hostile configuration files', () => {
  test('an alias bomb and an oversized file are refused like rule files', () => {
    expect(inDir(yamlBomb()).result.diagnostics[0]!.message).toContain('billion laughs');
    const big = inDir(`# ${'x'.repeat(1_100_000)}\n`).result.diagnostics[0]!;
    expect(big.message).toMatch(/^configuration file is \d+ bytes; the limit is 1000000$/);
  });
});
