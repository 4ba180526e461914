import type { Level } from '../model/levels.js';
import type { HistoryEntry, ReviewDecision } from '../model/history.js';

/**
 * What the history keeps, per run (docs: README "Remembering applicants"): the run's date, tool
 * and rules versions and input file hashes; per applicant its id, level, score and fired rule ids,
 * the 32-bit hash of its name (so one person's own records are not linked to each other) and its
 * 64-bit hashed link keys. No name, e-mail, phone, address, account or file path is stored.
 */
export interface RunRecord {
  checkedAt: string;
  toolVersion: string;
  rulesVersion: string;
  inputs: Array<{ sha256?: string; bytes?: number }>;
  applicants: Array<{ applicantId: string; person: string; level: Level; score: number; ruleIds: string[]; keys: string[] }>;
}

/** An applicant of an earlier run that shares at least one key with this run. */
export interface EarlierApplicant {
  applicantId: string;
  runId: number;
  checkedAt: string;
  level: Level;
  /** personKey as 8 hex digits. */
  person: string;
  /** The shared keys, as `role:key:index` (the shard-report form, see LinkKeys). */
  keys: string[];
}

export interface RunSummary {
  runId: number;
  checkedAt: string;
  toolVersion: string;
  rulesVersion: string;
  applicants: number;
  flagged: number;
}

export interface ReviewRecord extends ReviewDecision {
  applicantId: string;
}

/** One interface, two back ends (SQLite file, PostgreSQL): the same tables and the same tests. */
export interface HistoryStore {
  /** For messages: the file, or the server URL without its password. */
  readonly label: string;
  /** The latest record of each applicant id (not in `exclude`) that holds one of `keys` (hex), checked on or after `since`. */
  earlierByKeys(keys: string[], exclude: Set<string>, since: string): Promise<EarlierApplicant[]>;
  /** Earlier runs of these applicant ids, oldest first. */
  entries(applicantIds: string[]): Promise<Map<string, HistoryEntry[]>>;
  latestReviews(applicantIds: string[]): Promise<Map<string, ReviewDecision>>;
  /** One transaction: the whole run or nothing. Returns the run's number. */
  recordRun(run: RunRecord): Promise<number>;
  /** Records a decision; the applicant must have been checked in some run (else HistoryError). */
  addReview(review: ReviewRecord): Promise<void>;
  listRuns(): Promise<RunSummary[]>;
  countRuns(): Promise<number>;
  /** Delete runs and reviews older than `before` (ISO); returns what went. */
  prune(before: string): Promise<{ runs: number; applicants: number; reviews: number }>;
  close(): Promise<void>;
}
