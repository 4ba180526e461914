import { resolve } from 'node:path';
import { yamlLib } from '../util/lazy-yaml.js';
import type { CliIO } from './io.js';
import { EXIT } from './exit-codes.js';
import { printDiagnostics } from './print-diagnostics.js';
import { BUILTIN_RULES_DIR, collectRuleSet, displayPath } from '../ruleset/load.js';
import { toolVersion } from '../util/package-root.js';
import { CONFIG_FILES, CONFIGURABLE, type DprkConfig } from '../config/config.js';
import { tuneRuleSet } from '../config/tune-rules.js';

export interface EffectiveState {
  /** The root command's options after the configuration was applied. */
  opts: { rules?: string[]; builtinRules?: boolean; [key: string]: unknown };
  config?: DprkConfig;
  /** Where each configurable option's value came from. */
  sources: Record<string, string>;
  request: string | false | undefined;
  color: boolean;
}

/**
 * --print-config: the configuration in effect, as YAML, with what each pattern selects once the
 * rules are loaded. Doubles as "validate my configuration": problems go to stderr, exit 2.
 */
export function printEffectiveConfig(io: CliIO, state: EffectiveState): number {
  const { opts, config } = state;
  const packs = [...(opts.builtinRules === false ? [] : [BUILTIN_RULES_DIR]), ...(opts.rules ?? []).map((p) => resolve(io.cwd, p))];
  const { ruleSet, errors } = collectRuleSet({ paths: packs, cwd: io.cwd, listAdditions: config?.lists });
  const tuned = tuneRuleSet(ruleSet, config);
  const problems = [...errors, ...tuned.diagnostics.filter((d) => d.code !== 'rule-quality')];

  const out: Record<string, unknown> = {
    rulePacks: packs.map((p) => (p === BUILTIN_RULES_DIR ? `${displayPath(p, io.cwd)} (built-in)` : displayPath(p, io.cwd))),
    rules: {
      loaded: ruleSet.rules.length,
      running: tuned.rules.filter((r) => r.spec.status !== 'deprecated').length,
      ...(tuned.disabled.length ? { disabled: Object.fromEntries(tuned.disabled.map((d) => [d.id, `by ${d.by}`])) } : {}),
      ...(tuned.overridden.length ? { severity: Object.fromEntries(tuned.overridden.map((o) => [o.id, `${o.to} (was ${o.from}; by ${o.by})`])) } : {}),
    },
  };
  if (config?.exceptions.length) {
    out.exceptions = config.exceptions.map((e) => ({
      id: e.id,
      rule: e.rule,
      covers: tuned.exceptions.find((x) => x.id === e.id)?.ruleIds.size ?? 0,
      reason: e.reason,
      defined: `${e.source.file}:${e.source.line}`,
      when: e.when,
    }));
  }
  if (config?.lists.length)
    out.lists = Object.fromEntries(config.lists.map((l) => [l.list, `${l.entries.length} entr${l.entries.length === 1 ? 'y' : 'ies'} added`]));
  // One scalar per default, so each can carry where it came from as a comment.
  out.defaults = Object.fromEntries(CONFIGURABLE.map((k) => [k, Array.isArray(opts[k]) ? (opts[k] as unknown[]).join(', ') : (opts[k] ?? '(not set)')]));

  const { Document, isScalar } = yamlLib();
  const doc = new Document(out);
  const where = config
    ? `configuration file: ${config.shown}`
    : state.request === false
      ? 'configuration file: none (--no-config)'
      : `configuration file: none (no ${CONFIG_FILES.join(' or ')} in ${io.cwd})`;
  doc.commentBefore = ` dprk-check ${toolVersion()}: effective configuration\n ${where}\n rules version: ${tuned.version}`;
  for (const k of CONFIGURABLE) {
    const node = doc.getIn(['defaults', k], true);
    if (isScalar(node)) node.comment = ` ${state.sources[k]}`;
  }
  io.stdout.write(doc.toString({ lineWidth: 110 }));
  if (problems.length) {
    printDiagnostics(io, problems, state.color);
    if (problems.some((d) => d.severity === 'error')) {
      io.stderr.write('dprk-check: the effective configuration has errors (above); a check would not run.\n');
      return EXIT.ERROR;
    }
  }
  return EXIT.OK;
}
