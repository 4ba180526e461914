import type { Family, Level, Severity } from './levels.js';
import type { EvidenceItem, MessagePart, Reference } from './rule.js';

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
