import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../../src/config/load-config.js';
import { tuneRuleSet } from '../../../src/config/tune-rules.js';
import { derivedSchema } from '../../../src/enrich/index.js';
import { COMPARATORS } from '../../../src/model/rule.js';
import { compileCondition } from '../../../src/compile/compile-condition.js';
import type { SchemaNode } from '../../../src/compile/field-schema.js';
import { collectRuleSet, ruleFieldSchema } from '../../../src/ruleset/load.js';
import { OPERATOR_NAMES } from '../../../src/operators/operators.js';
import { cli, tempTree } from '../../helpers/cli-rule-packs.js';

// docs/rules.md is executable: its examples are compiled, its walkthrough is run.
const DOC = readFileSync(join(import.meta.dirname, '../../../docs/rules.md'), 'utf8');

/** Fenced blocks as { info, body }: info is everything after the opening backticks. */
function blocks(): Array<{ info: string; body: string }> {
  return [...DOC.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => ({ info: m[1]!.trim(), body: m[2]! }));
}

describe('docs/rules.md: "Write your first rule" runs as written', () => {
  test('the files it shows, and the commands it runs, give the output it shows', async () => {
    const files = Object.fromEntries(
      blocks()
        .map((b) => [/\bfile=(\S+)/.exec(b.info)?.[1], b.body] as const)
        .filter((e): e is readonly [string, string] => e[0] !== undefined),
    );
    expect(Object.keys(files)).toEqual(['team-rules/payroll/ship-to-forwarder.yaml', 'applicants/cand-7.json', '.dprk-check.yaml', 'applicants/cand-8.json']);
    const cwd = tempTree(files);
    const sessions = blocks().filter((b) => b.info === 'console walkthrough');
    expect(sessions.length).toBeGreaterThanOrEqual(4);
    for (const session of sessions) {
      const [command, ...expected] = session.body.trimEnd().split('\n');
      expect(command).toMatch(/^\$ dprk-check /);
      const r = await cli(command!.slice('$ dprk-check '.length).split(' '), cwd);
      expect(r.code, `${command}\n${r.stderr}`).not.toBe(2);
      // Each line shown must appear in the output, in the order shown.
      const out = `${r.stdout}\n${r.stderr}`;
      let from = 0;
      for (const line of expected) {
        const at = out.indexOf(line, from);
        expect(at, `"${line}" after offset ${from} in the output of ${command}:\n${out}`).toBeGreaterThanOrEqual(0);
        from = at + line.length;
      }
    }
  });
});

describe('docs/rules.md: examples are valid', () => {
  const conditions = blocks().filter((b) => b.info === 'yaml condition').map((b) => parse(b.body) as unknown);

  test('every condition example compiles against the real schema', () => {
    expect(conditions.length).toBeGreaterThan(15);
    for (const c of conditions) {
      const problems: string[] = [];
      const schema = ruleFieldSchema();
      const fn = compileCondition(c, [], { schemaRoot: schema, lists: new Map(), fields: new Set(), fail: (keys, message) => problems.push(`${keys.join('.')}: ${message}`) }, { schema, pattern: '' });
      expect(problems, JSON.stringify(c)).toEqual([]);
      expect(fn).toBeTypeOf('function');
    }
  });

  test('every operator has an example', () => {
    const used = new Set<string>();
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) return n.forEach(walk);
      if (typeof n !== 'object' || n === null) return;
      for (const [k, v] of Object.entries(n)) {
        used.add(k);
        if (['all', 'any', 'not', 'where'].includes(k)) walk(v);
      }
    };
    conditions.forEach(walk);
    expect(OPERATOR_NAMES.filter((op) => !used.has(op))).toEqual([]);
  });

  test('every comparator is in the comparators table', () => {
    expect(COMPARATORS.filter((c) => !DOC.includes(`| \`${c}\` |`))).toEqual([]);
  });

  test('every derived fact is documented', () => {
    const paths: string[] = [];
    const walk = (node: SchemaNode | undefined, path: string): void => {
      if (!node) return;
      if (node.properties) for (const [k, v] of Object.entries(node.properties)) walk(v, `${path}.${k}`);
      else if (node.items) walk(node.items, `${path}[]`);
      else paths.push(path);
    };
    walk(derivedSchema(), 'derived');
    expect(paths.length).toBeGreaterThan(10);
    const missing = paths.filter((p) => !DOC.includes(`\`${p}\``));
    expect(missing, 'add these to the "Derived facts" table in docs/rules.md').toEqual([]);
  });

  test('the annotated rule and list examples load', () => {
    const rule = blocks().find((b) => b.info === 'yaml rule')!.body;
    const list = blocks().find((b) => b.info === 'yaml list')!.body;
    const cwd = tempTree({ 'pack/identity/document-name-mismatch.yaml': rule, 'pack/lists/remote-access-tools.yaml': list });
    const { ruleSet, errors } = collectRuleSet({ paths: [join(cwd, 'pack')], cwd });
    expect(errors).toEqual([]);
    expect(ruleSet.lint).toEqual([]);
    expect(ruleSet.rules.map((r) => r.spec.id)).toEqual(['identity.document-name-mismatch']);
    expect([...ruleSet.lists.keys()]).toEqual(['remote-access-tools']);
  });

  test('the configuration example works as written against the built-in rules', () => {
    // A user copies it next to their own pack: every rule id, pattern and list it names must exist.
    const cwd = tempTree({ '.dprk-check.yaml': blocks().find((b) => b.info === 'yaml config')!.body, 'team-rules/README.md': 'team rules' });
    const { config, diagnostics } = loadConfig({ cwd });
    expect(diagnostics).toEqual([]);
    const { ruleSet, errors } = collectRuleSet({ cwd, listAdditions: config?.lists });
    expect(errors).toEqual([]);
    const tuned = tuneRuleSet(ruleSet, config);
    expect(tuned.diagnostics).toEqual([]);
    expect(tuned.exceptions.map((e) => e.id)).toEqual(['acme-staffing', 'corporate-vpn', 'field-engineers-abroad']);
  });
});
