import { CommanderError, type Command } from 'commander';
import type { CliIO } from './io.js';
import { useColor } from './io.js';
import { EXIT } from './exit-codes.js';
import { printDiagnostics } from './print-diagnostics.js';
import { CONFIGURABLE, type DprkConfig } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import { printEffectiveConfig } from './print-config.js';

/** Filled in by the hook for the check action to read. */
export interface ConfigState {
  config?: DprkConfig;
}

/**
 * A commander preAction hook for the root command (the check): find and load the configuration,
 * set its defaults as option values with source 'config' (so a flag on the command line still
 * wins), add its rule packs to --rules, and handle --print-config. Stopping the run (bad
 * configuration, or --print-config done) is a CommanderError, which `run` turns into the exit code.
 */
export function configHook(io: CliIO, state: ConfigState) {
  return (root: Command, actionCommand: Command): void => {
    if (actionCommand !== root) return;
    const given = root.opts() as Record<string, unknown>;
    const color = useColor(given.color as boolean | undefined, io.env, io.stderr.isTTY);
    const request = given.config as string | false | undefined;
    const load = loadConfig({ cwd: io.cwd, file: typeof request === 'string' ? request : undefined, disabled: request === false });
    if (load.diagnostics.length) printDiagnostics(io, load.diagnostics, color);
    if (!load.config && load.diagnostics.some((d) => d.severity === 'error')) {
      io.stderr.write('dprk-check: the configuration file has errors; nothing was checked.\n');
      throw new CommanderError(EXIT.ERROR, 'dprk-check.config', 'configuration file has errors');
    }
    const config = load.config;
    state.config = config;
    const sources: Record<string, string> = {};
    for (const key of CONFIGURABLE) {
      const fromCli = root.getOptionValueSource(key) === 'cli';
      const value = config?.defaults[key];
      if (!fromCli && value !== undefined) root.setOptionValueWithSource(key, key === 'format' ? formatValue(value, given[key]) : value, 'config');
      sources[key] = fromCli ? 'command line' : value !== undefined ? config!.shown : 'built-in default';
    }
    if (config?.rules.length) {
      root.setOptionValueWithSource(
        'rules',
        [...((given.rules as string[] | undefined) ?? []), ...config.rules],
        root.getOptionValueSource('rules') ?? 'default',
      );
    }
    if (given.printConfig) {
      const code = printEffectiveConfig(io, { opts: root.opts(), config, sources, request, color });
      throw new CommanderError(code, 'dprk-check.printConfig', '');
    }
  };
}

/**
 * A configured format may be one name or a list. The option is a single name where the CLI takes
 * one (it then has a default), and a list where -f is repeatable (no default: undefined).
 */
function formatValue(value: unknown, current: unknown): unknown {
  const list = Array.isArray(value) ? value : [value];
  return typeof current === 'string' ? list[0] : list;
}
