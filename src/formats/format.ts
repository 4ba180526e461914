import type { Report } from '../model/report.js';
import type { Family, Severity } from '../model/levels.js';
import type { Reference } from '../model/rule.js';

/** What a format may say about a rule that ran (SARIF lists every rule, not only those that fired). */
export interface RuleInfo {
  id: string;
  title: string;
  description?: string;
  family: Family;
  severity: Severity;
  references: Reference[];
  falsepositives: string[];
  next: string;
  tags?: string[];
}

export interface FormatContext {
  color: boolean;
  /** Rule count and data notes for headers. */
  rulesCount: number;
  /** Terminal width for wrapping, when known. */
  width?: number;
  /** The rules that ran; formats that describe rules fall back to what the findings carry. */
  rules?: RuleInfo[];
}

export interface Formatter {
  name: string;
  description: string;
  /** Output that usually lands in shared CI logs or dashboards: personal data masked unless --no-redact. */
  redactByDefault: boolean;
  format(report: Report, ctx: FormatContext): string;
}
