import { basename, extname } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import type { NamedList } from '../model/list.js';
import type { CompiledRule, RuleSpec } from '../model/rule.js';
import { readSchema, validatorFor } from '../validate/ajv.js';
import { ajvDiagnostics } from '../yaml/ajv-diagnostics.js';
import { compileCondition } from '../compile/compile-condition.js';
import { checkRulePaths, compileRule } from '../compile/compile-rule.js';
import { placeholders } from '../runtime/message-template.js';
import { lintRule } from './lint-rule.js';
import { ruleFieldSchema } from '../compile/rule-field-schema.js';
import { diagnosticAt, type YamlSource } from '../yaml/yaml-source.js';
import { isObj } from '../util/is-object.js';

/** The file is named for the id (`network/kp-phone.yaml` holds `network.kp-phone`), whose first word is the family. */
function checkNaming(src: YamlSource, id: string, family: string | undefined, errors: Diagnostic[]): void {
  const stem = basename(src.file, extname(src.file));
  const slug = id.slice(id.indexOf('.') + 1);
  const familyOfId = id.slice(0, id.indexOf('.'));
  if (stem !== slug) {
    errors.push(
      diagnosticAt(src, ['id'], 'rule-id-mismatch', `file name '${stem}' does not match rule id '${id}'`, {
        ruleId: id,
        hint: `rename the file to ${slug}${extname(src.file)}`,
      }),
    );
  }
  if (family !== undefined && familyOfId !== family) {
    errors.push(
      diagnosticAt(src, ['family'], 'rule-id-mismatch', `rule id '${id}' starts with '${familyOfId}' but family is '${family}'`, {
        ruleId: id,
        hint: `set family: ${familyOfId}, or start the id with '${family}.'`,
      }),
    );
  }
}

/** Schema-check, normalise, lint and compile one rule file. */
export function compileSource(
  src: YamlSource,
  lists: Map<string, NamedList>,
  errors: Diagnostic[],
  lint: Diagnostic[],
  lintCases = true,
): CompiledRule | undefined {
  const value = src.value as Record<string, unknown>;
  const ruleId = typeof value.id === 'string' ? value.id : undefined;
  const match = value.match;
  const isPattern = value.pattern !== undefined || value.link !== undefined;
  const validate = validatorFor('rule.schema.json', true);
  if (!validate(value)) {
    errors.push(...ajvDiagnostics(src, validate.errors ?? [], 'rule-schema', ruleId, readSchema('rule.schema.json')));
    // Everything that does not need a valid rule is still checked, so one run shows its problems
    // beside the schema's: the condition, the id against the file name and family, the paths in
    // requires and the message. Cases are not run: they need the whole rule.
    const schemaRoot = ruleFieldSchema();
    if (isObj(match) && !isPattern) {
      compileCondition(
        match,
        ['match'],
        {
          schemaRoot,
          lists,
          fields: new Set(),
          fail: (keys, message, hint, code) => errors.push(diagnosticAt(src, keys, code ?? 'rule-schema', message, { ruleId, hint })),
        },
        { schema: schemaRoot, pattern: '' },
      );
    }
    const raw = src.value as Record<string, unknown>;
    if (ruleId?.includes('.')) checkNaming(src, ruleId, typeof raw.family === 'string' ? raw.family : undefined, errors);
    const requires = raw.requires;
    if (Array.isArray(requires) && requires.every((r) => typeof r === 'string')) checkRulePaths(src, ruleId, schemaRoot, requires, 'requires', errors);
    if (typeof raw.message === 'string') checkRulePaths(src, ruleId, schemaRoot, placeholders(raw.message), 'message', errors);
    return undefined;
  }
  const spec = value as unknown as RuleSpec;
  const before = errors.length;
  const kinds = (['match', 'pattern', 'link'] as const).filter((k) => spec[k] !== undefined);
  if (kinds.length !== 1) {
    errors.push(
      diagnosticAt(
        src,
        kinds.length ? [kinds[1]!] : [],
        'rule-schema',
        kinds.length
          ? `a rule has one of match:, pattern: or link:, not ${kinds.join(' and ')}`
          : "the rule has neither match: (a condition) nor pattern: (a combination of other rules' findings) nor link: (a linkage key)",
        {
          ruleId,
          hint: 'add match: with a condition (docs/rules.md), pattern: naming the rules whose findings must occur together, or link: for a batch linkage rule',
        },
      ),
    );
    return undefined;
  }
  if (spec.link && spec.family !== 'linkage') {
    errors.push(diagnosticAt(src, ['family'], 'rule-schema', 'a rule with link: belongs to family linkage', { ruleId }));
    return undefined;
  }
  const caseKey = spec.link ? 'applicants' : 'applicant';
  for (const kind of ['match', 'nomatch'] as const) {
    (spec.cases?.[kind] ?? []).forEach((c, i) => {
      if (c[caseKey] === undefined)
        errors.push(
          diagnosticAt(src, ['cases', kind, i], 'rule-schema', `case '${c.name}' has no ${caseKey}:`, {
            ruleId,
            hint: spec.link ? 'a linkage case lists the applicants checked together: applicants: [{...}, {...}]' : 'give the case an applicant: {...}',
          }),
        );
    });
  }
  if (errors.length > before) return undefined;
  // Folded YAML (>) leaves a trailing newline; reports should not.
  spec.description = spec.description.trim();
  spec.next = spec.next.trim();
  spec.references ??= [];
  spec.falsepositives ??= [];
  spec.cases = { match: spec.cases?.match ?? [], nomatch: spec.cases?.nomatch ?? [] };
  checkNaming(src, spec.id, spec.family, errors);
  lint.push(...lintRule(spec, src, lintCases));
  const { rule, diagnostics } = compileRule(spec, src, ruleFieldSchema(), lists);
  errors.push(...diagnostics);
  return errors.length === before ? rule : undefined;
}
