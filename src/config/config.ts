import type { FailOn, Severity } from '../model/levels.js';
import type { ListAddition } from '../model/list.js';
import type { SourcePosition } from '../model/rule.js';
import type { YamlSource } from '../yaml/yaml-source.js';

/** File names looked for in the working directory, first found wins. */
export const CONFIG_FILES = ['.dprk-check.yaml', '.dprk-check.yml'];

/** Options the configuration's `defaults:` may set; a flag given on the command line wins. */
export const CONFIGURABLE = ['failOn', 'format', 'strict', 'redact'] as const;

export interface ExceptionSpec {
  id: string;
  /** Rule ids or patterns (`*`, `network.*`). */
  rule: string[];
  reason: string;
  /** Condition in the rule language; compiled once the rules (and lists) are loaded. */
  when: unknown;
  /** Index in the file's exceptions list, for positioned messages. */
  index: number;
  source: SourcePosition;
}

export interface ConfigDefaults {
  failOn?: FailOn;
  /** One format, or several (NAME or NAME:FILE), as the -f option takes them. */
  format?: string | string[];
  strict?: boolean;
  redact?: boolean;
}

/** A validated configuration file. */
export interface DprkConfig {
  /** Absolute path of the file. */
  file: string;
  /** The path as shown in messages. */
  shown: string;
  /** Added rule packs, absolute. */
  rules: string[];
  disable: string[];
  severity: Record<string, Severity>;
  exceptions: ExceptionSpec[];
  lists: ListAddition[];
  defaults: ConfigDefaults;
  /** `history:` the store (an SQLite path, resolved against the file's directory, or a postgres:// URL) and its retention. */
  history?: { store: string; retention?: string };
  /** The parsed file, to position messages found later (unused patterns, exception conditions). */
  src: YamlSource;
}
