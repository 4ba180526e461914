import type { Facts } from './applicant.js';
import type { Severity } from './levels.js';
import type { SourcePosition } from './rule.js';

/**
 * A configured exception, ready to run: findings of these rules are suppressed for an applicant
 * who matches the condition (e.g. the staffing agency's office address, the corporate VPN range).
 */
export interface CompiledException {
  id: string;
  reason: string;
  /** Rule ids the exception covers, resolved from its patterns against the loaded rules. */
  ruleIds: Set<string>;
  /** The patterns as written (for messages). */
  patterns: string[];
  source: SourcePosition;
  matches: (facts: Facts) => boolean;
}

/** A finding that an exception removed, kept in the report so the suppression is never silent. */
export interface Suppression {
  ruleId: string;
  title: string;
  severity: Severity;
  exception: string;
  reason: string;
  /** file:line of the exception. */
  source: string;
}
