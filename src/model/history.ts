import type { Level } from './levels.js';

/** What a reviewer decided about an applicant (`dprk-check review`). */
export const REVIEW_STATUSES = ['cleared', 'escalated', 'confirmed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ReviewDecision {
  status: ReviewStatus;
  note: string;
  by: string;
  /** ISO time the decision was recorded. */
  at: string;
  /** Fingerprint of the rule ids the applicant had when reviewed (see history/fingerprint.ts). */
  findings?: string;
}

/**
 * The latest decision as a later report shows it. `unchanged`: the applicant's findings are the
 * same rule ids as when the decision was made, so a clearance still stands ("reviewed, not new").
 */
export interface ReviewState {
  decision: ReviewDecision;
  unchanged: boolean;
}

/** One earlier run an applicant appears in, as the history store keeps it (no personal data). */
export interface HistoryEntry {
  runId: number;
  checkedAt: string;
  level: Level;
  ruleIds: string[];
  rulesVersion: string;
}

/** One input file a report was made from: its path and content hash. */
export interface InputFile {
  path: string;
  sha256?: string;
  bytes?: number;
}

/** What a report was made from, beyond tool and rules versions (shown by the HTML evidence pack). */
export interface Provenance {
  inputs: InputFile[];
  /** The history database used, and this run's number in it. */
  history?: { store: string; runId?: number; earlierRuns: number };
}
