import { createHash, type Hash } from 'node:crypto';
import { basename, relative, resolve, sep } from 'node:path';
import type { CompiledRule } from '../model/rule.js';
import type { ListAddition, NamedList } from '../model/list.js';
import { DiagnosticsError, type Diagnostic } from '../model/diagnostic.js';
import { packagePath } from '../util/package-root.js';
import { compileSource } from './compile-source.js';
import { buildPattern } from '../compile/compile-pattern.js';
import { closest } from '../util/closest.js';
import { discoverRuleFiles } from './discover.js';
import { versionProblem } from './engine-version.js';
import { addListEntries } from './list-additions.js';
import { lintRuleSet } from './lint-rule.js';
import { loadList } from './load-list.js';
import { diagnosticAt, MAX_RULE_FILE_BYTES, type YamlSource } from '../yaml/yaml-source.js';
import { yamlSourceFor } from './rule-cache.js';
import { isObj } from '../util/is-object.js';
import { plural } from '../util/plural.js';
import { plainSizeText, readSideText, SideFileError } from '../util/read-side-file.js';

export { RULE_FORMAT } from './engine-version.js';

export interface RuleSet {
  rules: CompiledRule[];
  lists: Map<string, NamedList>;
  /** Short hash of every loaded file: changes whenever a rule or list changes. */
  version: string;
  /** Files that were skipped (not rules); shown on every run. */
  warnings: Diagnostic[];
  /** Rule-quality findings (no references, missing cases…): the rules still run. */
  lint: Diagnostic[];
  files: string[];
}

export interface LoadOptions {
  /** Rule directories or files; the built-in pack when omitted. */
  paths?: string[];
  /** Shown paths are made relative to this. */
  cwd?: string;
  /** Watchlist entries from a configuration file, merged before rules compile. */
  listAdditions?: ListAddition[];
  /**
   * Schema-check every rule's case applicants (a lint). On for `rules validate`; off when rules
   * are loaded to check applicants, where it would cost start-up time and change nothing.
   */
  lintCases?: boolean;
}

export interface LoadResult {
  /** Everything that loaded; rules and lists with errors are left out. */
  ruleSet: RuleSet;
  /** Problems that make the pack unusable as it is: `check` refuses to run on them. */
  errors: Diagnostic[];
}

export const BUILTIN_RULES_DIR = packagePath('rules');

export { ruleFieldSchema } from '../compile/rule-field-schema.js';

/** How a rule file is named in messages: relative to cwd when inside it. */
export function displayPath(file: string, cwd: string | undefined): string {
  const rel = relative(cwd ?? process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function readSources(files: string[], cwd: string | undefined, hash: Hash, errors: Diagnostic[]): YamlSource[] {
  const sources: YamlSource[] = [];
  for (const file of files) {
    const shown = displayPath(file, cwd);
    let text: string;
    try {
      // Checked on the open file, before reading: a huge file is refused without holding it in
      // memory, and a FIFO or device (zero.yaml -> /dev/zero) is refused without waiting on it.
      text = readSideText(file, { label: `rule file ${shown}`, maxBytes: MAX_RULE_FILE_BYTES });
    } catch (e) {
      if (e instanceof SideFileError && e.reason === 'too-large') {
        errors.push({
          code: 'input-too-large',
          severity: 'error',
          file: shown,
          line: 1,
          column: 1,
          message: `rule file ${plainSizeText(e, MAX_RULE_FILE_BYTES)}`,
          hint: 'a rule file holds one rule; split a long list into several list files, or move data out of the rule pack',
        });
      } else if (e instanceof SideFileError) {
        errors.push({ code: 'input-not-regular', severity: 'error', file: shown, message: `rule file ${e.problem}`, hint: 'rule packs hold regular files' });
      } else {
        errors.push({
          code: 'input-unreadable',
          severity: 'error',
          file: shown,
          message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        });
      }
      continue;
    }
    // The version must not depend on where the tool runs from (shards merged from different
    // working directories must agree), so it hashes the file's name and text, not its path.
    hash.update(basename(file)).update('\0').update(text);
    const src = yamlSourceFor(shown, text);
    errors.push(...src.errors);
    if (src.errors.length === 0) sources.push(src);
  }
  return sources;
}

/**
 * Load, validate and compile rule packs, collecting every problem in every file so one run shows
 * them all. Never throws for a problem in the files; `loadRuleSet` is the throwing variant.
 */
export function collectRuleSet(options: LoadOptions = {}): LoadResult {
  const paths = options.paths ?? [BUILTIN_RULES_DIR];
  const { files, skipped, missing } = discoverRuleFiles(paths);
  const errors: Diagnostic[] = [];
  const lint: Diagnostic[] = [];
  const warnings: Diagnostic[] = skipped.map((f) => ({
    code: 'input-not-rule',
    severity: 'warning',
    file: displayPath(f, options.cwd),
    message: 'not a YAML file: skipped',
    hint: 'rule and list files end in .yaml or .yml; move other files out of the rule directory (.md, .txt and .csv files are ignored silently)',
  }));
  for (const m of missing)
    errors.push({
      code: 'input-unreadable',
      severity: 'error',
      file: m,
      message: 'rule path does not exist',
      hint: 'check the path given to --rules or in the configuration',
    });

  const hash = createHash('sha256');
  const sources = readSources(files, options.cwd, hash, errors);
  const listSources = sources.filter((s) => isObj(s.value) && 'list' in s.value);
  const ruleSources = sources.filter((s) => !listSources.includes(s));

  const versionOk = (src: YamlSource, what: 'rule' | 'list'): boolean => {
    const problem = versionProblem(src, what);
    if (problem) errors.push(problem);
    return !problem;
  };

  let lists = new Map<string, NamedList>();
  for (const src of listSources) {
    if (!versionOk(src, 'list')) continue;
    const { list, diagnostics } = loadList(src);
    errors.push(...diagnostics);
    if (!list) continue;
    const prev = lists.get(list.id);
    if (prev) {
      errors.push(
        diagnosticAt(src, ['list'], 'rule-duplicate-id', `list id '${list.id}' is already defined in ${prev.source.file}:${prev.source.line}`, {
          hint: 'give one of the lists another id, or merge their entries',
        }),
      );
      continue;
    }
    lists.set(list.id, list);
  }
  if (options.listAdditions?.length) {
    const merged = addListEntries(lists, options.listAdditions);
    errors.push(...merged.diagnostics);
    lists = merged.lists;
    hash.update('\0lists\0').update(JSON.stringify(options.listAdditions.map((a) => [a.list, a.entries])));
  }

  const rules: CompiledRule[] = [];
  const byId = new Map<string, { rule: CompiledRule; src: YamlSource }>();
  const notRules = new Set<string>();
  for (const src of ruleSources) {
    if (!isObj(src.value) || (!('id' in src.value) && !('match' in src.value))) {
      notRules.add(src.file);
      const what = isObj(src.value) ? 'no id, match or list key' : 'no mapping at the top';
      warnings.push({
        code: 'input-not-rule',
        severity: 'warning',
        file: src.file,
        line: 1,
        column: 1,
        message: `not a rule or list file (${what}): skipped`,
        hint: 'keep only rule and list files in a rule directory',
      });
      continue;
    }
    if (!versionOk(src, 'rule')) continue;
    const compiled = compileSource(src, lists, errors, lint, options.lintCases ?? true);
    if (!compiled) continue;
    const prev = byId.get(compiled.spec.id);
    if (prev) {
      errors.push(
        diagnosticAt(
          src,
          ['id'],
          'rule-duplicate-id',
          `rule id '${compiled.spec.id}' is already defined in ${prev.rule.source.file}:${prev.rule.source.line}`,
          {
            ruleId: compiled.spec.id,
            hint: 'ids are unique across all loaded packs: give this rule a new id (and file name), or disable the other rule in .dprk-check.yaml',
          },
        ),
      );
      continue;
    }
    byId.set(compiled.spec.id, { rule: compiled, src });
    rules.push(compiled);
  }
  errors.push(...checkPatternIds(byId), ...emptyPacks(paths, files, missing, notRules, options.cwd));
  lint.push(...lintRuleSet(rules, new Map([...byId].map(([id, v]) => [id, v.src]))));
  return { ruleSet: { rules, lists, version: hash.digest('hex').slice(0, 12), warnings, lint, files }, errors };
}

/**
 * A pack that holds no rule and no list (an empty directory, a mistyped subdirectory, only notes
 * or non-rule YAML) is refused: checking with it would pass every applicant on rules that were
 * never loaded, as linters refuse to lint with no configuration. A pack of lists only is kept: it
 * gives rules in other packs their entries.
 */
function emptyPacks(paths: string[], files: string[], missing: string[], notRules: Set<string>, cwd: string | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const at = resolve(p);
    if (seen.has(at) || missing.includes(p)) continue;
    seen.add(at);
    const inPack = files.filter((f) => {
      const abs = resolve(f);
      return abs === at || abs.startsWith(at.endsWith(sep) ? at : at + sep);
    });
    if (inPack.some((f) => !notRules.has(displayPath(f, cwd)))) continue;
    const shown = resolve(cwd ?? process.cwd()) === at ? '.' : displayPath(p, cwd);
    out.push({
      code: 'rule-pack-empty',
      severity: 'error',
      file: shown,
      message: `no rules loaded from ${shown}: ${inPack.length ? `none of its ${plural(inPack.length, 'YAML file')} is a rule or a list` : 'it holds no rule or list file (.yaml)'}`,
      hint: 'check the path given to --rules or in the configuration; a pack holds rules as <family>/<slug>.yaml (docs/rules.md)',
    });
  }
  return out;
}

/**
 * A pattern must name loaded rules with match: conditions. Patterns of patterns are refused: the
 * order they would need, and the double counting they invite, are not worth it.
 */
function checkPatternIds(byId: Map<string, { rule: CompiledRule; src: YamlSource }>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ids = [...byId.keys()];
  for (const { rule, src } of byId.values()) {
    if (!rule.spec.pattern) continue;
    for (const { id, keys } of buildPattern(rule.spec.pattern, []).ids) {
      const target = byId.get(id)?.rule;
      if (!target) {
        const guess = closest(id, ids);
        out.push(
          diagnosticAt(src, keys, 'rule-unknown-field', `pattern names '${id}', which is not a loaded rule`, {
            ruleId: rule.spec.id,
            hint: guess ? `did you mean '${guess}'?` : 'name rule ids from `dprk-check rules list`',
          }),
        );
      } else if (target.pattern) {
        out.push(
          diagnosticAt(src, keys, 'rule-schema', `pattern names '${id}', which is itself a pattern rule`, {
            ruleId: rule.spec.id,
            hint: 'name the rules that pattern combines instead',
          }),
        );
      } else if (id === rule.spec.id) {
        out.push(diagnosticAt(src, keys, 'rule-schema', 'a pattern cannot name itself', { ruleId: rule.spec.id }));
      }
    }
  }
  return out;
}

/** Load for running: any error throws a DiagnosticsError carrying every problem (the CLI exits 2). */
export function loadRuleSet(options: LoadOptions = {}): RuleSet {
  const { ruleSet, errors } = collectRuleSet(options);
  if (errors.length) throw new DiagnosticsError(`${plural(errors.length, 'problem')} in rule files`, [...errors, ...ruleSet.warnings]);
  return ruleSet;
}
