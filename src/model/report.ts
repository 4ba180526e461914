import type { FailOn, Level, Severity } from './levels.js';
import type { ExplainedFinding, Finding, FamilyContribution } from './finding.js';
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
  /** Findings a declaration in the record explains (travel, shift, payment arrangement…): shown, not scored. */
  explained?: ExplainedFinding[];
  /** One line: how many checks could run on this record, and what to collect to run more. */
  coverage?: string;
}

export interface RunError {
  source: string;
  message: string;
  diagnostics: Diagnostic[];
}

/** Applicants who share one concrete thing (phone, ship-to address, payout account…). */
export interface Link {
  /** shared-phone, shared-ship-to, shared-payout-account, … (docs/linkage.md lists them all). */
  kind: string;
  /** The fields below are always set by check and merge; optional so hand-built reports stay valid. */
  severity?: Severity;
  /** The shared value, normalised; `#<key>` when only its hash is known (merged shard reports). */
  value: string;
  /** 64-bit hash (hex) of the normalised value: the same in every run, so shards can be merged. */
  key?: string;
  /** Applicant ids, in report order. */
  applicants: string[];
  /** Each applicant's source, parallel to `applicants` (ids may repeat). */
  sources?: string[];
  /** Set when a merge could not recompute the link across shards. */
  scope?: 'shard-local';
  /** Why the link is shown but not scored (e.g. shared by so many people it is a placeholder). */
  note?: string;
}

/** An input left out on purpose (not an applicant file); listed so nothing disappears silently. */
export interface SkippedInput {
  path: string;
  reason: string;
}

/** One applicant's hashed link keys, carried in shard reports so `merge` can recompute links. */
export interface LinkKeys {
  id: string;
  source: string;
  /** Hash of the name's first and last token: records of one person are not linked to each other. */
  person: string;
  /** `space/role/key@path`, e.g. `address/shipTo/1f0c…@equipment.shipTo`. */
  keys: string[];
  /** One-permutation MinHash of the résumé text (base64), for near-duplicate résumés. */
  resumeSignature?: string;
}

export interface ShardInfo {
  index: number;
  count: number;
  /** Records that belong to other shards and were not checked here. */
  otherShards: number;
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
  /** Files in named directories that are not applicant files. */
  skipped?: SkippedInput[];
  /** Ctrl-C stopped the run: the report covers only the records read so far. */
  interrupted?: boolean;
  shard?: ShardInfo;
  linkKeys?: LinkKeys[];
}
