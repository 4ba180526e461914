import type { Severity } from '../model/levels.js';
import type { CompiledRule, Reference } from '../model/rule.js';
import { loadRuleSet } from '../ruleset/load.js';

/**
 * The cross-applicant checks (family `linkage`) are YAML rules in rules/linkage/ with a `link:`
 * key: what a person reads and tunes (severity by how many distinct people share a value, message,
 * sources, next step) is data, and can be disabled, re-weighted and excepted in .dprk-check.yaml
 * like any rule. What stays in code is how a shared value is found and classified (link-keys.ts,
 * correlator.ts): a new key is one key extractor there plus one rule file naming its kind.
 */
/** The other members of a link, as a message needs them: a few ids to name, and the count. */
export interface Others {
  ids: string[];
  count: number;
}

export interface LinkKind {
  id: string;
  /** The rule that scores it, e.g. linkage.shared-phone. */
  ruleId: string;
  title: string;
  severity: (people: number) => Severity;
  /** Finding message for one member: the first few other applicants' ids and how many there are. */
  message: (others: Others) => string;
  falsepositives: string[];
  next: string;
  references: Reference[];
}

/** Link kind id → how it is scored. A kind without an entry (its rule disabled) is shown, not scored. */
export type LinkKinds = ReadonlyMap<string, LinkKind>;

/** The link kinds of the rules to run (after tuning: disabled rules are absent, severities overridden). */
export function linkKindsFrom(rules: CompiledRule[]): LinkKinds {
  const out = new Map<string, LinkKind>();
  for (const r of rules) {
    const link = r.link;
    if (!link || r.spec.status === 'deprecated' || out.has(link.kind)) continue;
    const inEffect = r.spec.severity;
    out.set(link.kind, {
      id: link.kind,
      ruleId: r.spec.id,
      title: r.spec.title,
      severity: (people) => link.severity(people, inEffect),
      message: link.message,
      falsepositives: r.spec.falsepositives,
      next: r.spec.next,
      references: r.spec.references,
    });
  }
  return out;
}

let builtin: LinkKinds | undefined;

/** The built-in pack's link kinds, for callers that were given no rules (merge, tests). */
export function builtinLinkKinds(): LinkKinds {
  return (builtin ??= linkKindsFrom(loadRuleSet().rules));
}

/** Linked to this many different people or more, a value is a placeholder or an office, not a person. */
export const MAX_LINKED_PEOPLE = 250;

/** Why a link is listed but not scored when no loaded rule scores its kind. */
export const NO_RULE_NOTE = 'no loaded linkage rule scores this kind of link (disabled in the configuration?): listed, not scored';
