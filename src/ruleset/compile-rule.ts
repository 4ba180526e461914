import type { CompiledRule, RuleSpec } from '../model/rule.js';
import type { NamedList } from '../model/list.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { compileCondition } from './compile-condition.js';
import { checkField, type SchemaNode } from './field-schema.js';
import { compileTemplate, placeholders } from './message-template.js';
import { compileProbe, parsePath, type ParsedPath } from './field-path.js';
import { diagnosticAt, positionOf, type YamlSource } from './yaml-source.js';

/**
 * `requires` entries and message placeholders must name fields of the schema. Exported so that a
 * rule with schema errors elsewhere still has these checked in the same run.
 */
export function checkRulePaths(src: YamlSource, ruleId: string | undefined, schemaRoot: SchemaNode, paths: string[], key: 'requires' | 'message', diagnostics: Diagnostic[]): Map<string, ParsedPath> {
  const out = new Map<string, ParsedPath>();
  paths.forEach((p, i) => {
    const parsed = parsePath(p);
    const where = key === 'message' ? [key] : [key, i];
    if (typeof parsed === 'string') {
      diagnostics.push(diagnosticAt(src, where, 'rule-unknown-field', `${key}: ${parsed}`, { ruleId }));
      return;
    }
    const check = checkField(schemaRoot, schemaRoot, parsed);
    if (!check.ok) diagnostics.push(diagnosticAt(src, where, 'rule-unknown-field', `${key}: ${check.message}`, { ruleId, hint: check.hint }));
    else out.set(p, parsed);
  });
  return out;
}

/** Fields every applicant has: they never make a rule "evaluable" on their own. */
const ALWAYS_PRESENT = new Set(['id', 'name.full', 'name']);

/**
 * Compile one schema-valid rule into a plain function. Problems are returned as positioned
 * diagnostics; nothing in the rule is ever turned into code.
 */
export function compileRule(
  spec: RuleSpec,
  src: YamlSource,
  schemaRoot: SchemaNode,
  lists: Map<string, NamedList>,
): { rule?: CompiledRule; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const fields = new Set<string>();
  const subjects = new Set<string>();
  const evaluate = compileCondition(spec.match, ['match'], {
    schemaRoot,
    lists,
    fields,
    subjects,
    fail: (keys, message, hint, code) =>
      diagnostics.push(diagnosticAt(src, keys, code ?? 'rule-schema', message, { ruleId: spec.id, hint })),
  }, { schema: schemaRoot, pattern: '' });

  const requires = spec.requires ?? [];
  checkRulePaths(src, spec.id, schemaRoot, requires, 'requires', diagnostics);
  const templatePaths = spec.message ? checkRulePaths(src, spec.id, schemaRoot, placeholders(spec.message), 'message', diagnostics) : new Map<string, ParsedPath>();

  if (!evaluate || diagnostics.length) return { diagnostics };
  const needed = requires.length ? requires : [...subjects].filter((f) => !ALWAYS_PRESENT.has(f));
  const probes = needed.map((f) => {
    const parsed = parsePath(f);
    return typeof parsed === 'string' ? () => false : compileProbe(parsed);
  });
  // With `requires`, all listed fields must hold data; without, any field the rule tests will do.
  const hasData = requires.length
    ? (facts: unknown) => probes.every((p) => p(facts))
    : (facts: unknown) => probes.length === 0 || probes.some((p) => p(facts));
  const render = spec.message ? compileTemplate(spec.message, templatePaths) : () => undefined;
  const start = diagnosticAt(src, ['id'], 'rule-schema', '');
  return {
    rule: {
      spec,
      source: { file: src.file, line: start.line ?? 1, column: start.column ?? 1 },
      fields: [...fields].filter((f) => !ALWAYS_PRESENT.has(f)),
      subjects: needed,
      requires,
      hasData,
      evaluate: (facts) => evaluate(facts, facts, ''),
      render,
      caseLine: (kind, index) => positionOf(src, ['cases', kind, index]).line,
    },
    diagnostics,
  };
}
