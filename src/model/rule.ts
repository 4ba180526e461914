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
  { all: Condition[] } | { any: Condition[] } | { not: Condition } | { some: string; where: Condition } | { every: string; where: Condition } | LeafCondition;

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
  /** The applicant a rule is tested on; a linkage rule's case has `applicants` instead. */
  applicant: Record<string, unknown>;
  /** A linkage rule's batch case: the applicants checked together (must link / must not). */
  applicants?: Array<Record<string, unknown>>;
  /** Match cases only: what the finding must show, so a match for the wrong reason fails. */
  expect?: CaseExpectation;
}

export interface CaseExpectation {
  /** Concrete paths (contact.phones[1]) that must each be among the evidence. */
  evidence?: string[];
  /** A substring of the rendered message. */
  message?: string;
}

/**
 * A linkage (correlation) rule, like Sigma's value_count over a group-by: applicants who share one
 * value of the key. The key extractors and how a shared value is classified (a reference's phone
 * that is another applicant's own, a ship-to that is another's home) live in src/correlate; the
 * rule holds what a person tunes and reads: severity by how many distinct people share it, the
 * message, what an allow-list entry covers.
 */
export interface LinkSpec {
  /** The link kind this rule scores (default: the id's slug), e.g. shared-phone. */
  kind?: string;
  /** In words, the values grouped on (shown by rules show), e.g. "contact.phones[] (E.164)". */
  key: string;
  /** Severity from this many distinct people on (ascending); below the first, the rule's severity. */
  severityByPeople?: Array<{ atLeast: number; severity: Severity }>;
  /** The --allow-shared kinds whose entries keep a value out of this link. */
  allowShared?: string[];
  /** The finding's message: {{count}} other applicants, {{s}} plural s, {{others}} their ids. */
  message: string;
}

/**
 * A pattern over other rules' findings for the same applicant (see docs/rules.md "Pattern rules"):
 * a rule id, or all / any / at-least-n of sub-patterns. It fires on the findings left after
 * exceptions and declarations, so a suppressed or explained finding never completes a pattern.
 */
export type PatternExpr = string | { all: PatternExpr[] } | { any: PatternExpr[] } | { atLeast: number; of: PatternExpr[] };

/** Several independent matches (different values) raise a rule's severity, e.g. two listed firms. */
export interface Escalation {
  /** Distinct matched values from which the rule is escalated. */
  distinct: number;
  /** Severity steps to raise by (default 1), so a configured re-weighting still counts. */
  by?: number;
}

/**
 * A declaration in the record that explains a finding (declared travel, shift, payment arrangement,
 * recent move): when `when` holds, the finding is shown as "explained by the declaration" and not scored.
 */
export interface ExplainedBy {
  /** What explains it, in words, for the report ("declared travel covers these countries and dates"). */
  because: string;
  when: Condition;
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
  /** The condition on one applicant's facts; absent in a pattern rule. */
  match?: Condition;
  /** A pattern rule's combination of other rules' findings (instead of `match`). */
  pattern?: PatternExpr;
  escalate?: Escalation;
  /** The rule fires only when this many distinct values match (two different tools, not one twice). */
  minDistinct?: number;
  explainedBy?: ExplainedBy[];
  /**
   * Which sessions the finding lists (time, kind, IP, country): those outside the declared
   * country, those through hosting networks, or every located one. For findings about where
   * sessions came from, the sessions are the first thing a person asks about.
   */
  sessions?: 'elsewhere' | 'hosting' | 'located';
  /**
   * Said under "Not checked" when the record holds what the rule looks at but not what it needs to
   * decide (e.g. VoIP cannot be told offline for +1 numbers): "not detectable", not "no data".
   */
  whenUndetectable?: string;
  /** A linkage rule's key and severity ladder (instead of `match`; family linkage). */
  link?: LinkSpec;
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
  /** Joined runs: the source record the value came from, e.g. "okta-nov.json[14] (okta)". */
  from?: string;
}

export type Evaluator = (facts: Facts) => EvidenceItem[] | null;

/** A rule ready to run: metadata plus one plain function. */
export interface CompiledRule {
  spec: RuleSpec;
  source: SourcePosition;
  /** Every field path the rule reads (for notEvaluated and docs), without those every applicant has (id, name.full). */
  fields: string[];
  /**
   * Every field path the condition (`match`) reads, as absolute patterns in the order written:
   * leaf fields, scope paths and field references in operands, name.full included (`rules show`).
   */
  fieldsRead: string[];
  /** The fields the rule tests (not what it compares them with); the rule runs when any holds data. */
  subjects: string[];
  /** Paths that must all hold data for the rule to be meaningful; empty = any of `subjects`. */
  requires: string[];
  /** Whether the record holds the data this rule needs (else it is reported as not evaluated). */
  hasData: (facts: Facts) => boolean;
  /** With `requires`: whether the record holds any field the rule tests (so the gap is detectability, not data). */
  hasSubjects?: (facts: Facts) => boolean;
  evaluate: Evaluator;
  /** The message as parts (see MessagePart), or undefined when the rule has no message. */
  render: (facts: Facts, evidence: EvidenceItem[]) => MessagePart[] | undefined;
  /** Set for a pattern rule: it runs on findings, after the ordinary rules (src/evaluate/patterns.ts). */
  pattern?: CompiledPattern;
  /** Set for a linkage rule: it scores links found across the batch (src/correlate). */
  link?: CompiledLink;
  /** Declarations that explain this rule's finding: the first that holds is named in the report. */
  explainedBy?: Array<{ because: string; holds: (facts: Facts) => boolean }>;
  /** Line of a case in the rule file, for `rules test` failures (parses a cached file on demand). */
  caseLine?: (kind: 'match' | 'nomatch', index: number) => number;
}

export interface CompiledLink {
  kind: string;
  /** Severity for a link among this many distinct people, given the severity in effect (after tuning). */
  severity: (people: number, inEffect: Severity) => Severity;
  message: (others: { ids: string[]; count: number }) => string;
}

export interface CompiledPattern {
  /** Every rule id the pattern names. */
  ruleIds: string[];
  /** With the rule ids that fired, the ids that complete the pattern (in pattern order), or null. */
  test: (fired: ReadonlySet<string>) => string[] | null;
}
