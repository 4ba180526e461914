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
