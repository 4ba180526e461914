import type { FailOn, Level } from './levels.js';
import type { Finding, FamilyContribution } from './finding.js';
import type { Diagnostic } from './diagnostic.js';
import type { Suppression } from './exception.js';

export interface ApplicantResult {
  id: string;
  /** The applicant's name, for the human report; formats that may land in shared logs redact it. */
  name: string;
  source: string;
  level: Level;
  score: number;
  findings: Finding[];
  contributions: FamilyContribution[];
  notEvaluated: string[];
  warnings: Diagnostic[];
  /** Findings removed by configured exceptions (absent when none were). */
  suppressed?: Suppression[];
}

export interface RunError {
  source: string;
  message: string;
  diagnostics: Diagnostic[];
}

export interface Link {
  kind: string;
  value: string;
  applicants: string[];
}

export interface Report {
  /** `data`: the data sets behind derived facts (name, build date, licence), e.g. data.ip. */
  tool: { name: string; version: string; rulesVersion: string; data?: Record<string, { name: string; date?: string; licence?: string; url?: string }> };
  generatedAt: string;
  failOn: FailOn;
  summary: { total: number; evaluated: number; invalid: number; byLevel: Record<Level, number> };
  applicants: ApplicantResult[];
  links: Link[];
  errors: RunError[];
  /** Personal data has been masked (--redact): values read as [name], [email], [phone, US]... */
  redacted?: boolean;
}
