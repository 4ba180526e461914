import type { CompiledRule, RuleSpec } from '../model/rule.js';
import type { NamedList } from '../model/list.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { compileCondition } from './compile-condition.js';
import { distinctValues } from '../runtime/distinct-values.js';
import { buildPattern, type PatternProblem } from './compile-pattern.js';
import { checkField, type SchemaNode } from './field-schema.js';
import { compileTemplate, placeholders } from '../runtime/message-template.js';
import { parsePath, type ParsedPath } from '../runtime/field-path.js';
import { compileDataProbe } from '../runtime/field-resolve.js';
import { diagnosticAt, positionOf, type YamlSource } from '../yaml/yaml-source.js';

/**
 * `requires` entries and message placeholders must name fields of the schema. Exported so that a
 * rule with schema errors elsewhere still has these checked in the same run.
 */
export function checkRulePaths(
  src: YamlSource,
  ruleId: string | undefined,
  schemaRoot: SchemaNode,
  paths: string[],
  key: 'requires' | 'message',
  diagnostics: Diagnostic[],
): Map<string, ParsedPath> {
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
  if (spec.pattern !== undefined) return compilePatternRule(spec, src, schemaRoot, lists);
  if (spec.link !== undefined) return compileLinkRule(spec, src);
  const fields = new Set<string>();
  const subjects = new Set<string>();
  const explainedBy = compileExplanations(spec, src, schemaRoot, lists, diagnostics);
  const evaluate = compileCondition(
    spec.match!,
    ['match'],
    {
      schemaRoot,
      lists,
      fields,
      subjects,
      fail: (keys, message, hint, code) => diagnostics.push(diagnosticAt(src, keys, code ?? 'rule-schema', message, { ruleId: spec.id, hint })),
    },
    { schema: schemaRoot, pattern: '' },
  );

  const requires = spec.requires ?? [];
  checkRulePaths(src, spec.id, schemaRoot, requires, 'requires', diagnostics);
  const templatePaths = spec.message
    ? checkRulePaths(src, spec.id, schemaRoot, placeholders(spec.message), 'message', diagnostics)
    : new Map<string, ParsedPath>();

  if (!evaluate || diagnostics.length) return { diagnostics };
  const needed = requires.length ? requires : [...subjects].filter((f) => !ALWAYS_PRESENT.has(f));
  const probes = needed.map((f) => {
    const parsed = parsePath(f);
    return typeof parsed === 'string' ? () => false : compileDataProbe(parsed);
  });
  // With `requires`, all listed fields must hold data; without, any field the rule tests will do.
  const hasData = requires.length ? (facts: unknown) => probes.every((p) => p(facts)) : (facts: unknown) => probes.length === 0 || probes.some((p) => p(facts));
  const render = spec.message ? compileTemplate(spec.message, templatePaths) : () => undefined;
  const subjectProbes = requires.length
    ? [...subjects]
        .filter((f) => !ALWAYS_PRESENT.has(f))
        .map((f) => parsePath(f))
        .filter((p): p is ParsedPath => typeof p !== 'string')
        .map(compileDataProbe)
    : [];
  const hasSubjects = subjectProbes.length ? (facts: unknown) => subjectProbes.some((p) => p(facts)) : undefined;
  const start = diagnosticAt(src, ['id'], 'rule-schema', '');
  return {
    rule: {
      spec,
      source: { file: src.file, line: start.line ?? 1, column: start.column ?? 1 },
      fields: [...fields].filter((f) => !ALWAYS_PRESENT.has(f)),
      fieldsRead: [...fields],
      subjects: needed,
      requires,
      hasData,
      ...(hasSubjects ? { hasSubjects } : {}),
      evaluate: spec.minDistinct
        ? (facts) => {
            const ev = evaluate(facts, facts, '');
            return ev && distinctValues(ev) >= spec.minDistinct! ? ev : null;
          }
        : (facts) => evaluate(facts, facts, ''),
      render,
      ...(explainedBy?.length ? { explainedBy } : {}),
      caseLine: (kind, index) => positionOf(src, ['cases', kind, index]).line,
    },
    diagnostics,
  };
}

/**
 * explainedBy: conditions in the rules' own language over the record's declarations. Compiled like
 * `match`, so a declaration path that does not exist fails at load with file:line.
 */
function compileExplanations(
  spec: RuleSpec,
  src: YamlSource,
  schemaRoot: SchemaNode,
  lists: Map<string, NamedList>,
  diagnostics: Diagnostic[],
): CompiledRule['explainedBy'] {
  const out: NonNullable<CompiledRule['explainedBy']> = [];
  (spec.explainedBy ?? []).forEach((e, i) => {
    const holds = compileCondition(
      e.when,
      ['explainedBy', i, 'when'],
      {
        schemaRoot,
        lists,
        fields: new Set(),
        fail: (keys, message, hint, code) => diagnostics.push(diagnosticAt(src, keys, code ?? 'rule-schema', message, { ruleId: spec.id, hint })),
      },
      { schema: schemaRoot, pattern: '' },
    );
    if (holds) out.push({ because: e.because.trim(), holds: (facts) => holds(facts, facts, '') !== null });
  });
  return out;
}

/** What a pattern or linkage rule has of an ordinary rule: no field read, nothing evaluated per record. */
function fieldlessRule(spec: RuleSpec, src: YamlSource): CompiledRule {
  const start = diagnosticAt(src, ['id'], 'rule-schema', '');
  return {
    spec,
    source: { file: src.file, line: start.line ?? 1, column: start.column ?? 1 },
    fields: [],
    fieldsRead: [],
    subjects: [],
    requires: [],
    hasData: () => true,
    evaluate: () => null,
    render: () => undefined,
    caseLine: (kind, index) => positionOf(src, ['cases', kind, index]).line,
  };
}

/** A pattern rule reads no field: it runs on the findings of the rules it names. */
function compilePatternRule(
  spec: RuleSpec,
  src: YamlSource,
  schemaRoot: SchemaNode,
  lists: Map<string, NamedList>,
): { rule?: CompiledRule; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const problems: PatternProblem[] = [];
  const { pattern } = buildPattern(spec.pattern!, problems);
  for (const p of problems) diagnostics.push(diagnosticAt(src, p.keys, 'rule-schema', p.message, { ruleId: spec.id }));
  if (spec.match !== undefined)
    diagnostics.push(
      diagnosticAt(src, ['match'], 'rule-schema', 'a rule has either match: (a condition) or pattern: (a combination of findings), not both', {
        ruleId: spec.id,
      }),
    );
  if (spec.escalate)
    diagnostics.push(diagnosticAt(src, ['escalate'], 'rule-schema', 'escalate: applies to a rule with match:, not to a pattern', { ruleId: spec.id }));
  const explainedBy = compileExplanations(spec, src, schemaRoot, lists, diagnostics);
  if (!pattern || diagnostics.length) return { diagnostics };
  return {
    rule: {
      ...fieldlessRule(spec, src),
      pattern,
      ...(explainedBy?.length ? { explainedBy } : {}),
    },
    diagnostics,
  };
}

const LINK_PLACEHOLDERS = new Set(['count', 's', 'others']);

/**
 * A linkage rule reads no field of one record: the correlator finds the links across the batch and
 * asks the rule for the severity (by distinct people) and the message.
 */
function compileLinkRule(spec: RuleSpec, src: YamlSource): { rule?: CompiledRule; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const link = spec.link!;
  const ladder = [...(link.severityByPeople ?? [])];
  ladder.forEach((step, i) => {
    if (i > 0 && step.atLeast <= ladder[i - 1]!.atLeast)
      diagnostics.push(
        diagnosticAt(src, ['link', 'severityByPeople', i, 'atLeast'], 'rule-schema', 'severityByPeople steps go up: each atLeast larger than the one before', {
          ruleId: spec.id,
        }),
      );
  });
  for (const m of link.message.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
    if (!LINK_PLACEHOLDERS.has(m[1]!))
      diagnostics.push(
        diagnosticAt(src, ['link', 'message'], 'rule-schema', `unknown placeholder {{${m[1]}}} in a linkage message`, {
          ruleId: spec.id,
          hint: 'a linkage message may use {{count}}, {{s}} and {{others}}',
        }),
      );
  }
  if (spec.message !== undefined)
    diagnostics.push(diagnosticAt(src, ['message'], 'rule-schema', 'a linkage rule writes its message under link.message', { ruleId: spec.id }));
  if (diagnostics.length) return { diagnostics };
  const base = spec.severity;
  const kind = link.kind ?? spec.id.slice(spec.id.indexOf('.') + 1);
  const list = (o: { ids: string[]; count: number }) =>
    o.count <= 5 ? o.ids.slice(0, 5).join(', ') : `${o.ids.slice(0, 5).join(', ')} and ${o.count - 5} more`;
  return {
    rule: {
      ...fieldlessRule(spec, src),
      link: {
        kind,
        // A configured severity replaces the ladder: the team chose one severity for this link.
        severity: (people, inEffect) => (inEffect !== base ? inEffect : ([...ladder].reverse().find((s) => people >= s.atLeast)?.severity ?? base)),
        message: (o) =>
          link.message.replace(/\{\{\s*(count|s|others)\s*\}\}/g, (_, k: string) =>
            k === 'count' ? String(o.count) : k === 's' ? (o.count === 1 ? '' : 's') : list(o),
          ),
      },
    },
    diagnostics,
  };
}
