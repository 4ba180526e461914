import type { CliIO } from '../cli/io.js';
import { useColor } from '../cli/io.js';
import { EXIT } from '../cli/exit-codes.js';
import { printDiagnostics } from '../cli/print-diagnostics.js';
import type { DprkConfig } from './config.js';
import { loadConfig } from './load-config.js';
import { printEffectiveConfig } from './print-config.js';

/** The root command's options as commander hands them over (only the keys read here are typed). */
export interface RawCheckOptions {
  rules?: string[];
  builtinRules?: boolean;
  color?: boolean;
  /** --config FILE (string), --no-config (false), or neither (undefined). */
  config?: string | false;
  printConfig?: boolean;
  [key: string]: unknown;
}

/** Where commander got an option's value: 'cli', 'default', 'env', … */
export type OptionSource = (key: string) => string | undefined;

/** Options the configuration's `defaults:` may set; a flag given on the command line wins. */
export const CONFIGURABLE = ['failOn', 'format', 'strict', 'redact'] as const;

export type Configured<T> = { exit: number } | { exit?: undefined; opts: T; config?: DprkConfig };

/**
 * Find and load the configuration, merge its defaults and rule packs into the command-line
 * options, and handle --print-config. Returns an exit code when the run must stop here.
 */
export function applyConfig<T extends RawCheckOptions>(raw: T, sourceOf: OptionSource, io: CliIO): Configured<T> {
  const color = useColor(raw.color, io.env, io.stderr.isTTY);
  const load = loadConfig({ cwd: io.cwd, file: typeof raw.config === 'string' ? raw.config : undefined, disabled: raw.config === false });
  if (load.diagnostics.length) printDiagnostics(io, load.diagnostics, color);
  if (!load.config && load.diagnostics.some((d) => d.severity === 'error')) {
    io.stderr.write('dprk-check: the configuration file has errors; nothing was checked.\n');
    return { exit: EXIT.ERROR };
  }
  const config = load.config;
  const opts: T = { ...raw, rules: [...(raw.rules ?? []), ...(config?.rules ?? [])] };
  const sources: Record<string, string> = {};
  for (const key of CONFIGURABLE) {
    const fromCli = sourceOf(key) === 'cli';
    const value = config?.defaults[key];
    if (!fromCli && value !== undefined) (opts as Record<string, unknown>)[key] = value;
    sources[key] = fromCli ? 'command line' : value !== undefined ? config!.shown : 'built-in default';
  }
  if (raw.printConfig) {
    return { exit: printEffectiveConfig(io, { opts, config, sources, request: raw.config, color }) };
  }
  return { opts, config };
}
