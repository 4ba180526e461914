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
  /** Text: the full block of every applicant, not a table (--details). */
  details?: boolean;
  /** Text: leave out applicants below --fail-on (--only-flagged); they are still counted. */
  onlyFlagged?: boolean;
}

/** Where a format writes: called with each chunk in order (a file, standard output, a test's buffer). */
export type Emit = (chunk: string) => void;

/**
 * A format is a pure function of the report it is given. It never decides on masking: the one
 * masking layer (cli/write-reports.ts `ReportViews`) hands it the report already masked when its
 * output must be, so a new format is masked by --redact and `redactByDefault` without any code.
 */
export interface FormatSpec {
  name: string;
  description: string;
  /** Output that usually lands in shared CI logs or dashboards: personal data masked unless --no-redact. */
  redactByDefault: boolean;
  /** Write the report as chunks, in order: an output is never held as one string (a million applicants exceed V8's string limit). */
  write(report: Report, ctx: FormatContext, out: Emit): void;
}

export interface Formatter extends FormatSpec {
  /** The whole output as one string: for tests and small reports; the CLI streams `write`. */
  format(report: Report, ctx: FormatContext): string;
}

export function defineFormat(spec: FormatSpec): Formatter {
  return {
    ...spec,
    format: (report, ctx) => {
      const parts: string[] = [];
      spec.write(report, ctx, (s) => parts.push(s));
      return parts.join('');
    },
  };
}

/** Lines out one at a time, each followed by a newline. */
export function lineWriter(out: Emit): (line: string) => void {
  return (line) => out(`${line}\n`);
}
