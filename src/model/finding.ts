import type { Family, Level, Severity } from './levels.js';
import type { EvidenceItem, MessagePart, Reference } from './rule.js';

/**
 * The path of the one part of a message read back from a report that did not record its parts
 * (an older report, in `merge`): which of its words are personal data is unknown, so masked
 * outputs withhold it whole.
 */
export const WHOLE_MESSAGE_PART = '$message';

export interface Finding {
  ruleId: string;
  family: Family;
  severity: Severity;
  title: string;
  message?: string;
  /** How `message` was put together, when it came from a template: lets --redact mask the values in it exactly. */
  messageParts?: MessagePart[];
  evidence: EvidenceItem[];
  references: Reference[];
  falsepositives: string[];
  next: string;
  /** A pattern rule's finding: the rule ids of the findings it combines ("pattern X: A + B"). */
  combines?: string[];
  /** Set when a rule's escalate: raised the severity: how many distinct values matched. */
  escalated?: { distinct: number; from: Severity };
}

/** A finding a declaration in the record explains: shown, not scored (like a suppressed finding). */
export interface ExplainedFinding {
  ruleId: string;
  title: string;
  severity: Severity;
  family: Family;
  /** What the declaration explains, in words (the rule's text: no personal data, so safe under --redact). */
  because: string;
}

export interface FamilyContribution {
  family: Family;
  /** 0..1 strength of this family's evidence after damping repeated findings. */
  strength: number;
  findings: number;
}

export interface Score {
  score: number;
  level: Level;
  contributions: FamilyContribution[];
}
