import { resolve } from 'node:path';
import type { CliIO } from '../io.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { DprkConfig } from '../../config/config.js';
import { loadConfig } from '../../config/load-config.js';
import { tuneRuleSet, type TunedRules } from '../../config/tune-rules.js';
import { discoverRuleFiles } from '../../ruleset/discover.js';
import { BUILTIN_RULES_DIR, collectRuleSet, displayPath, type LoadResult } from '../../ruleset/load.js';

export interface PackRequest {
  /** PATHS of `rules validate` / `rules test`: the packs under test. Empty = everything loaded. */
  targets: string[];
  /** --rules: packs to add (list / show). */
  extra: string[];
  /** false with --no-builtin-rules. */
  builtin: boolean;
  /** --config FILE, --no-config (false), or neither. */
  config: string | false | undefined;
}

export interface LoadedPacks {
  load: LoadResult;
  tuned: TunedRules;
  config?: DprkConfig;
  /** Problems with the configuration file itself (errors stop the command). */
  configDiagnostics: Diagnostic[];
  /** Whether a file (as shown in diagnostics) belongs to the packs under test. */
  isTarget: (file: string | undefined) => boolean;
}

/**
 * What the rule commands load. Without PATHS: what `check` would load (built-in pack, --rules, and
 * the configuration's packs and list entries). With PATHS: those packs, plus the built-in pack as
 * context (its lists, and its ids for duplicate checks), and no configuration — a team's CI
 * validates its pack as written, not as tuned on one machine.
 */
export function loadPacks(req: PackRequest, io: CliIO): LoadedPacks {
  const targets = req.targets.map((p) => resolve(io.cwd, p));
  const useConfig = targets.length === 0;
  const configLoad = useConfig ? loadConfig({ cwd: io.cwd, file: typeof req.config === 'string' ? req.config : undefined, disabled: req.config === false }) : { diagnostics: [] };
  const config = configLoad.config;
  const paths = [
    ...(req.builtin ? [BUILTIN_RULES_DIR] : []),
    ...req.extra.map((p) => resolve(io.cwd, p)),
    ...(config?.rules ?? []),
    ...targets,
  ];
  const load = collectRuleSet({ paths, cwd: io.cwd, listAdditions: config?.lists });
  const tuned = tuneRuleSet(load.ruleSet, config);
  let isTarget: LoadedPacks['isTarget'] = () => true;
  if (targets.length) {
    const found = discoverRuleFiles(targets);
    const shown = new Set([...found.files, ...found.skipped].map((f) => displayPath(f, io.cwd)));
    isTarget = (file) => file === undefined || shown.has(file) || found.missing.includes(file);
  }
  return { load, tuned, config, configDiagnostics: configLoad.diagnostics, isTarget };
}
