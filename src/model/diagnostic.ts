/**
 * Every diagnostic code, as data: tools and tests branch on `code`, never on message text, and
 * each code has an entry in docs/errors.md (test/unit/docs/error-codes.test.ts fails otherwise).
 * Append new codes; never rename one (JSON/SARIF/JUnit consumers key on them).
 */
export const DIAGNOSTIC_CODES = [
  'yaml-syntax',
  'rule-schema',
  'rule-unknown-field',
  'rule-unsafe-regex',
  'rule-invalid-regex',
  'rule-duplicate-id',
  'rule-unknown-list',
  'rule-id-mismatch',
  'rule-origin-attribute',
  'rule-case-invalid',
  'rule-format-version',
  'rule-engine-version',
  'rule-missing-references',
  'rule-missing-falsepositives',
  'rule-missing-cases',
  'rule-replacement',
  'rule-quality',
  'input-not-rule',
  'config-invalid',
  'config-unused',
  'config-disables-all',
  'list-invalid',
  'input-unreadable',
  'input-empty',
  'input-not-json',
  'input-not-object',
  'input-too-large',
  'input-encoding',
  'input-skipped',
  'input-unmapped',
  'input-duplicate-id',
  'input-limit',
  'input-not-regular',
  'record-internal-error',
  'allow-list-invalid',
  'report-invalid',
  'report-note',
  'applicant-schema',
  'applicant-unknown-field',
  'applicant-ip',
  'applicant-phone',
  'applicant-date-offset',
  'input-unknown-format',
  'input-no-join-key',
  'input-ambiguous-join',
  'input-bad-value',
  'people-invalid',
  'applicant-unknown-tag',
  'rule-pack-empty',
  'rules-none-running',
  'input-csv-row',
  'input-csv-extra-cells',
  'input-csv-missing-cells',
  'input-duplicate-key',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/**
 * One shape for every problem the tool reports about its inputs (rule files, config, applicant
 * records): positioned, coded, 1-based like ESLint messages and SARIF regions.
 */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  message: string;
  file?: string;
  line?: number;
  column?: number;
  ruleId?: string;
  /** JSON-pointer-like path inside the document, e.g. /contact/phones/0 */
  path?: string;
  /** How to fix it, when we know. */
  hint?: string;
}

/** An error that carries diagnostics out of a stage that cannot continue (rules fail to load...). */
export class DiagnosticsError extends Error {
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[],
  ) {
    super(message);
    this.name = 'DiagnosticsError';
  }
}

/** `file:line:col: severity [rule] code: message` (+ hint); the code is the docs/errors.md anchor. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ` : '';
  const rule = d.ruleId ? ` [${d.ruleId}]` : '';
  const at = d.path && !d.line ? ` (at ${d.path})` : '';
  const hint = d.hint ? `\n    hint: ${d.hint}` : '';
  return `${where}${d.severity}${rule} ${d.code}: ${d.message}${at}${hint}`;
}
