import type { Family, RuleStatus, Severity } from './levels.js';
import type { Facts } from './applicant.js';

/**
 * One piece of a rendered message: literal text, or what one `{{path}}` placeholder became (the
 * values put in, and their text), so the message can be rendered again with the values masked.
 */
export type MessagePart = string | { path: string; values: unknown[]; text: string };

/** A public source a rule rests on. */
export interface Reference {
  title: string;
  url?: string;
  date?: string;
}

/** The condition tree as written in YAML (validated by schemas/rule.schema.json). */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { some: string; where: Condition }
  | { every: string; where: Condition }
  | LeafCondition;

export interface LeafCondition {
  field: string;
  as?: Comparator;
  quantifier?: 'any' | 'all';
  [operator: string]: unknown;
}

export const COMPARATORS = ['text', 'exact', 'name', 'name-part', 'company', 'address', 'phone', 'email', 'country', 'date'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export interface RuleCase {
  name: string;
  applicant: Record<string, unknown>;
  /** Match cases only: what the finding must show, so a match for the wrong reason fails. */
  expect?: CaseExpectation;
}

export interface CaseExpectation {
  /** Concrete paths (contact.phones[1]) that must each be among the evidence. */
  evidence?: string[];
  /** A substring of the rendered message. */
  message?: string;
}

/** A rule as loaded from YAML, before compilation. */
export interface RuleSpec {
  format?: number;
  /** Lowest dprk-check version that understands this rule (e.g. an operator added later). */
  minEngine?: string;
  id: string;
  title: string;
  family: Family;
  severity: Severity;
  status: RuleStatus;
  description: string;
  /** Optional in the file (a lint warning when empty); the loader fills in [] so code can rely on it. */
  references: Reference[];
  /** Optional in the file (lint warning), filled in as []. */
  falsepositives: string[];
  next: string;
  requires?: string[];
  match: Condition;
  message?: string;
  replacedBy?: string;
  tags?: string[];
  /** Optional in the file (lint warning when a kind is missing), filled in as empty lists. */
  cases: { match: RuleCase[]; nomatch: RuleCase[] };
}

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** One value that made a leaf condition true, kept structured so formatters can redact it. */
export interface EvidenceItem {
  /** Concrete path, e.g. identity.documents[1].nameOnDocument */
  path: string;
  /** The path pattern from the rule, e.g. identity.documents[].nameOnDocument */
  pattern: string;
  value: unknown;
  /** What the value was tested against, in words ("differs from name.full = 'Jordan Miller'"). */
  note?: string;
}

export type Evaluator = (facts: Facts) => EvidenceItem[] | null;

/** A rule ready to run: metadata plus one plain function. */
export interface CompiledRule {
  spec: RuleSpec;
  source: SourcePosition;
  /** Every field path the rule reads (for notEvaluated and docs). */
  fields: string[];
  /** The fields the rule tests (not what it compares them with); the rule runs when any holds data. */
  subjects: string[];
  /** Paths that must all hold data for the rule to be meaningful; empty = any of `subjects`. */
  requires: string[];
  /** Whether the record holds the data this rule needs (else it is reported as not evaluated). */
  hasData: (facts: Facts) => boolean;
  evaluate: Evaluator;
  /** The message as parts (see MessagePart), or undefined when the rule has no message. */
  render: (facts: Facts, evidence: EvidenceItem[]) => MessagePart[] | undefined;
  /** Line of a case in the rule file, for `rules test` failures (parses a cached file on demand). */
  caseLine?: (kind: 'match' | 'nomatch', index: number) => number;
}
