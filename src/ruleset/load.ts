import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, extname, relative } from 'node:path';
import type { CompiledRule, RuleSpec } from '../model/rule.js';
import type { NamedList } from '../model/list.js';
import { DiagnosticsError, type Diagnostic } from '../model/diagnostic.js';
import { derivedSchema } from '../enrich/index.js';
import { packagePath } from '../util/package-root.js';
import { readSchema, validatorFor } from '../validate/ajv.js';
import { ajvDiagnostics } from './ajv-diagnostics.js';
import { compileRule } from './compile-rule.js';
import { discoverRuleFiles } from './discover.js';
import type { SchemaNode } from './field-schema.js';
import { loadList } from './load-list.js';
import { diagnosticAt, MAX_RULE_FILE_BYTES, parseYamlSource, type YamlSource } from './yaml-source.js';

/** The rule-file format this engine reads. A file that asks for a newer one is refused. */
export const RULE_FORMAT = 1;

export interface RuleSet {
  rules: CompiledRule[];
  lists: Map<string, NamedList>;
  /** Short hash of every loaded file: changes whenever a rule or list changes. */
  version: string;
  warnings: Diagnostic[];
  files: string[];
}

export interface LoadOptions {
  /** Rule directories or files; the built-in pack when omitted. */
  paths?: string[];
  /** Shown paths are made relative to this. */
  cwd?: string;
}

export const BUILTIN_RULES_DIR = packagePath('rules');

let cachedSchema: SchemaNode | undefined;
/** The applicant schema with `derived` added: the only fields a rule may name. */
export function ruleFieldSchema(): SchemaNode {
  if (!cachedSchema) {
    const base = readSchema('applicant.schema.json') as SchemaNode;
    cachedSchema = { ...base, properties: { ...base.properties, derived: derivedSchema() } };
  }
  return cachedSchema;
}

function display(file: string, cwd: string | undefined): string {
  const rel = relative(cwd ?? process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/**
 * Load, validate and compile rule packs. Every problem in every file is collected before giving
 * up, so one run shows them all; any error throws a DiagnosticsError (the CLI exits 2).
 */
export function loadRuleSet(options: LoadOptions = {}): RuleSet {
  const paths = options.paths ?? [BUILTIN_RULES_DIR];
  const { files, skipped, missing } = discoverRuleFiles(paths);
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = skipped.map((f) => ({
    code: 'input-unreadable',
    severity: 'warning',
    file: display(f, options.cwd),
    message: 'not a YAML file: skipped',
  }));
  for (const m of missing) errors.push({ code: 'input-unreadable', severity: 'error', file: m, message: 'rule path does not exist' });

  const hash = createHash('sha256');
  const sources: YamlSource[] = [];
  for (const file of files) {
    const shown = display(file, options.cwd);
    const size = statSync(file).size;
    if (size > MAX_RULE_FILE_BYTES) {
      errors.push({ code: 'input-too-large', severity: 'error', file: shown, line: 1, column: 1, message: `rule file is ${size} bytes; the limit is ${MAX_RULE_FILE_BYTES}` });
      continue;
    }
    const text = readFileSync(file, 'utf8');
    hash.update(shown).update('\0').update(text);
    const src = parseYamlSource(shown, text);
    errors.push(...src.errors);
    if (src.errors.length === 0) sources.push(src);
  }

  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const listSources = sources.filter((s) => isObj(s.value) && 'list' in s.value);
  const ruleSources = sources.filter((s) => !listSources.includes(s));

  const versionOk = (src: YamlSource): boolean => {
    const v = isObj(src.value) ? src.value.format : undefined;
    if (typeof v === 'number' && v > RULE_FORMAT) {
      errors.push(diagnosticAt(src, ['format'], 'rule-format-version', `this file uses rule format ${v}, but this dprk-check reads format ${RULE_FORMAT}`, { hint: 'upgrade dprk-check to load it' }));
      return false;
    }
    return true;
  };

  const lists = new Map<string, NamedList>();
  for (const src of listSources) {
    if (!versionOk(src)) continue;
    const { list, diagnostics } = loadList(src);
    errors.push(...diagnostics);
    if (!list) continue;
    const prev = lists.get(list.id);
    if (prev) {
      errors.push(diagnosticAt(src, ['list'], 'rule-duplicate-id', `list id '${list.id}' is already defined in ${prev.source.file}:${prev.source.line}`));
      continue;
    }
    lists.set(list.id, list);
  }

  const schemaRoot = ruleFieldSchema();
  const validate = validatorFor('rule.schema.json', true);
  const rules: CompiledRule[] = [];
  const byId = new Map<string, CompiledRule>();
  for (const src of ruleSources) {
    if (!isObj(src.value)) {
      warnings.push({ code: 'rule-schema', severity: 'warning', file: src.file, line: 1, column: 1, message: 'not a rule (no mapping at the top): skipped' });
      continue;
    }
    if (!('id' in src.value) && !('match' in src.value)) {
      warnings.push({ code: 'rule-schema', severity: 'warning', file: src.file, line: 1, column: 1, message: 'not a rule or list file (no id / match / list key): skipped' });
      continue;
    }
    if (!versionOk(src)) continue;
    const ruleId = typeof src.value.id === 'string' ? src.value.id : undefined;
    if (!validate(src.value)) {
      errors.push(...ajvDiagnostics(src, validate.errors ?? [], 'rule-schema', ruleId));
      continue;
    }
    const spec = src.value as unknown as RuleSpec;
    // Folded YAML (>) leaves a trailing newline; reports should not.
    spec.description = spec.description.trim();
    spec.next = spec.next.trim();
    const stem = basename(src.file, extname(src.file));
    const slug = spec.id.slice(spec.id.indexOf('.') + 1);
    const familyOfId = spec.id.slice(0, spec.id.indexOf('.'));
    if (stem !== slug) {
      errors.push(diagnosticAt(src, ['id'], 'rule-id-mismatch', `file name '${stem}' does not match rule id '${spec.id}'`, { ruleId, hint: `rename the file to ${slug}${extname(src.file)}` }));
    }
    if (familyOfId !== spec.family) {
      errors.push(diagnosticAt(src, ['family'], 'rule-id-mismatch', `rule id '${spec.id}' starts with '${familyOfId}' but family is '${spec.family}'`, { ruleId }));
    }
    if (spec.status === 'deprecated' && !spec.replacedBy) {
      errors.push(diagnosticAt(src, ['status'], 'rule-schema', 'a deprecated rule needs replacedBy: <id of the rule that replaces it>', { ruleId }));
    }
    const { rule, diagnostics } = compileRule(spec, src, schemaRoot, lists);
    errors.push(...diagnostics);
    if (!rule) continue;
    const prev = byId.get(spec.id);
    if (prev) {
      errors.push(diagnosticAt(src, ['id'], 'rule-duplicate-id', `rule id '${spec.id}' is already defined in ${prev.source.file}:${prev.source.line}`, { ruleId }));
      continue;
    }
    byId.set(spec.id, rule);
    rules.push(rule);
  }
  if (errors.length) throw new DiagnosticsError(`${errors.length} problem${errors.length === 1 ? '' : 's'} in rule files`, [...errors, ...warnings]);
  return { rules, lists, version: hash.digest('hex').slice(0, 12), warnings, files };
}
