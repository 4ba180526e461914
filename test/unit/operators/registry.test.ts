import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../../../src/model/diagnostic.js';
import { compileCondition } from '../../../src/compile/compile-condition.js';
import { ruleFieldSchema } from '../../../src/ruleset/load.js';
import { LEAF_MODIFIERS, OPERATOR_NAMES, OPERATORS } from '../../../src/operators/operators.js';
import { wordsFor } from '../../../src/operators/words.js';
import { describeCondition } from '../../../src/cli/rules/describe-condition.js';

// One descriptor per operator (src/operators/<name>.ts): adding an operator is that file, its entry
// in the registry and its example in docs/rules.md. These tests hold each descriptor to all of it.
const DOC = readFileSync(join(import.meta.dirname, '../../../docs/rules.md'), 'utf8');
const DIR = join(import.meta.dirname, '../../../src/operators');
const descriptors = Object.values(OPERATORS);

/** The leaf of an example that uses the operator (examples may wrap it in some/where). */
function leafOf(node: unknown, op: string): Record<string, unknown> | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const n = node as Record<string, unknown>;
  if (typeof n.field === 'string' && op in n) return n;
  return leafOf(n.where, op);
}

test('the registry lists every operator, each under its own name, in the order error hints give', () => {
  expect(descriptors.length).toBe(20);
  for (const [key, d] of Object.entries(OPERATORS)) expect(d.name).toBe(key);
  expect(OPERATOR_NAMES[0]).toBe('exists');
  // Every descriptor file in src/operators/ is registered (a new operator file cannot be forgotten).
  const declared = readdirSync(DIR)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) =>
      [...readFileSync(join(DIR, f), 'utf8').matchAll(/^export const \w+: (?:PredicateOperator|OperatorDescriptor) = \{\n\s*name: '(\w+)'/gm)].map(
        (m) => m[1]!,
      ),
    );
  expect(declared.sort()).toEqual([...OPERATOR_NAMES].sort());
  // The names a leaf reserves besides its operator are not operators.
  expect(OPERATOR_NAMES.filter((n) => LEAF_MODIFIERS.has(n))).toEqual([]);
});

describe.each(descriptors.map((d) => [d.name, d] as const))('%s', (name, d) => {
  test('its docs example is a ```yaml condition block of docs/rules.md that uses it', () => {
    expect(DOC).toContain('```yaml condition\n' + d.example + '```');
    expect(leafOf(parse(d.example), name), d.example).toBeDefined();
  });

  test('it has words for its example, which describeCondition uses', () => {
    const example = parse(d.example) as unknown;
    const leaf = leafOf(example, name)!;
    const phrase = d.describe(leaf[name], wordsFor(false));
    expect(phrase.length).toBeGreaterThan(0);
    expect(phrase).not.toMatch(/undefined|\[object Object\]/);
    // The tree walk puts the operator's phrase after its subject (scoped paths read as "its …").
    const scoped = typeof (example as Record<string, unknown>).some === 'string';
    expect(describeCondition(example)).toContain(d.describe(leaf[name], wordsFor(scoped)));
  });

  test('its diagnostic codes are codes of DIAGNOSTIC_CODES (and so documented in docs/errors.md)', () => {
    expect(d.codes.length).toBeGreaterThan(0);
    expect(d.codes.filter((c) => !(DIAGNOSTIC_CODES as readonly string[]).includes(c))).toEqual([]);
  });

  test('its codes are what it reports on bad operands, no more and no fewer', () => {
    // Operands that go wrong in every way an operator can: malformed, unknown list, unknown field, bad regex.
    const bad: unknown[] = [
      42,
      'no.such',
      ['no.such'],
      { list: 'no-such-list' },
      { field: 'no.such' },
      '(a+)\\1',
      '(',
      { days: 1, of: { field: 'no.such' } },
      { at: { field: 'no.such' }, lt: 1 },
      [],
      {},
    ];
    const schema = ruleFieldSchema();
    const seen = new Set<DiagnosticCode>();
    for (const operand of bad) {
      compileCondition(
        { field: 'name.full', [name]: operand },
        [],
        { schemaRoot: schema, lists: new Map(), fields: new Set(), fail: (_k, _m, _h, code) => seen.add(code ?? 'rule-schema') },
        { schema, pattern: '' },
      );
    }
    expect([...seen].sort()).toEqual([...d.codes].sort());
  });

  test('it compiles to a closure (exists: the leaf compiles it)', () => {
    expect(typeof d.build).toBe(name === 'exists' ? 'undefined' : 'function');
  });
});
