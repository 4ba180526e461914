import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Severity } from '../model/levels.js';
import type { ListAddition, ListEntry } from '../model/list.js';
import type { SourcePosition } from '../model/rule.js';
import { FORMAT_NAMES } from '../formats/index.js';
import { ajvDiagnostics } from '../yaml/ajv-diagnostics.js';
import { closest } from '../util/closest.js';
import { displayPath } from '../ruleset/load.js';
import { diagnosticAt, keyPositionOf, MAX_RULE_FILE_BYTES, parseYamlSource, positionOf, type YamlSource } from '../yaml/yaml-source.js';
import { readSchema, validatorFor } from '../validate/ajv.js';
import { plainSizeText, readSideText, SideFileError } from '../util/read-side-file.js';
import { CONFIG_FILES, type ConfigDefaults, type DprkConfig, type ExceptionSpec } from './config.js';

export interface ConfigRequest {
  cwd: string;
  /** --config FILE: must exist. */
  file?: string;
  /** --no-config: do not look for one. */
  disabled?: boolean;
}

export interface ConfigLoad {
  config?: DprkConfig;
  /** Errors mean the configuration cannot be used (the run stops with exit 2). */
  diagnostics: Diagnostic[];
}

type Raw = {
  rules?: string[];
  disable?: string[];
  severity?: Record<string, Severity>;
  exceptions?: Array<{ id: string; rule: string | string[]; reason: string; when: unknown }>;
  lists?: Record<string, Array<string | (Omit<ListEntry, 'aliases'> & { aliases?: string[] })>>;
  defaults?: ConfigDefaults;
  history?: string | { store: string; retention?: string };
};

/** The configuration file to use: the one named by --config, else the first found in cwd. */
export function findConfig(req: ConfigRequest): string | undefined {
  if (req.disabled) return undefined;
  if (req.file) return resolve(req.cwd, req.file);
  return CONFIG_FILES.map((n) => resolve(req.cwd, n)).find((p) => existsSync(p));
}

export function loadConfig(req: ConfigRequest): ConfigLoad {
  const file = findConfig(req);
  if (!file) return { diagnostics: [] };
  const shown = displayPath(file, req.cwd);
  const fail = (message: string, hint?: string): ConfigLoad => ({
    diagnostics: [{ code: 'config-invalid', severity: 'error', file: shown, message, hint }],
  });
  let text: string;
  try {
    // Checked on the open file (read-side-file.ts): a FIFO or a device is refused without waiting on it.
    text = readSideText(file, { label: shown, maxBytes: MAX_RULE_FILE_BYTES });
  } catch (e) {
    if (e instanceof SideFileError && e.reason === 'too-large')
      return fail(`configuration file ${plainSizeText(e, MAX_RULE_FILE_BYTES)}`, 'keep long watchlists in list files inside a rule pack');
    if (e instanceof SideFileError) return fail(`the configuration file ${e.problem}`, 'name a YAML file, e.g. --config .dprk-check.yaml');
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      return fail('configuration file not found', `create it, or leave out --config to use ${CONFIG_FILES[0]} from the working directory`);
    return fail(`cannot read the configuration file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const src = parseYamlSource(shown, text);
  if (src.errors.length) return { diagnostics: src.errors.map((d) => ({ ...d, code: 'yaml-syntax' })) };
  const value = src.value ?? {};
  src.value = value;
  const validate = validatorFor('config.schema.json', true);
  if (!validate(value)) return { diagnostics: ajvDiagnostics(src, validate.errors ?? [], 'config-invalid', undefined, readSchema('config.schema.json')) };
  return build(file, shown, src, value as Raw);
}

function build(file: string, shown: string, src: YamlSource, raw: Raw): ConfigLoad {
  const diagnostics: Diagnostic[] = [];
  const pos = (keys: Array<string | number>): SourcePosition => ({ file: shown, ...positionOf(src, keys) });
  const base = dirname(file);

  const exceptions: ExceptionSpec[] = [];
  const seen = new Map<string, number>();
  (raw.exceptions ?? []).forEach((e, index) => {
    const prev = seen.get(e.id);
    if (prev !== undefined) {
      diagnostics.push(
        diagnosticAt(src, ['exceptions', index, 'id'], 'config-invalid', `exception id '${e.id}' is already used by exceptions[${prev}]`, {
          hint: 'give each exception its own id: the report names it',
        }),
      );
    }
    seen.set(e.id, index);
    exceptions.push({
      id: e.id,
      rule: Array.isArray(e.rule) ? e.rule : [e.rule],
      reason: e.reason.trim(),
      when: e.when,
      index,
      source: pos(['exceptions', index]),
    });
  });

  const lists: ListAddition[] = Object.entries(raw.lists ?? {}).map(([list, entries]) => ({
    list,
    entries: entries.map((e) => (typeof e === 'string' ? { value: e, aliases: [] } : { ...e, aliases: e.aliases ?? [] })),
    source: { file: shown, ...keyPositionOf(src, ['lists', list]) },
    entrySources: entries.map((_, i) => pos(['lists', list, i])),
  }));

  const defaults = raw.defaults ?? {};
  const formats = defaults.format === undefined ? [] : Array.isArray(defaults.format) ? defaults.format : [defaults.format];
  formats.forEach((f, i) => {
    const name = f.split(':')[0]!;
    if ((FORMAT_NAMES as string[]).includes(name)) return;
    const guess = closest(name, FORMAT_NAMES);
    const keys = Array.isArray(defaults.format) ? ['defaults', 'format', i] : ['defaults', 'format'];
    diagnostics.push(
      diagnosticAt(src, keys, 'config-invalid', `defaults.format: unknown format '${name}'`, {
        hint: guess ? `did you mean '${guess}'?` : `formats: ${FORMAT_NAMES.join(', ')}`,
      }),
    );
  });
  if (diagnostics.length) return { diagnostics };
  return {
    config: {
      file,
      shown,
      rules: (raw.rules ?? []).map((p) => resolve(base, p)),
      disable: raw.disable ?? [],
      severity: raw.severity ?? {},
      exceptions,
      lists,
      defaults,
      ...(raw.history !== undefined ? { history: historyOf(raw.history, base) } : {}),
      src,
    },
    diagnostics,
  };
}

/** `history: PATH` or `history: { store: PATH, retention: 365d }`; a relative path is the config file's neighbour. */
function historyOf(h: string | { store: string; retention?: string }, base: string): { store: string; retention?: string } {
  const spec = typeof h === 'string' ? { store: h } : h;
  const store = /^postgres(ql)?:\/\//i.test(spec.store) ? spec.store : resolve(base, spec.store);
  return { store, ...(spec.retention ? { retention: spec.retention } : {}) };
}
