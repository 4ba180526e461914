import type { Facts } from '../model/applicant.js';
import type { Finding } from '../model/finding.js';
import type { CompiledRule, Escalation, EvidenceItem } from '../model/rule.js';
import { distinctValues } from '../runtime/distinct-values.js';
import { FAMILIES, SEVERITIES, type Family, type Severity } from '../model/levels.js';
import { joinMessage } from '../runtime/message-template.js';
import { lookupTable } from '../util/lookup-table.js';
import { plural } from '../util/plural.js';

export interface Evaluation {
  findings: Finding[];
  notEvaluated: string[];
  /** One line: how many checks could run, and which inputs to collect to run more. */
  coverage: string;
  /** A rule that threw: the record could not be fully checked. */
  failures: Array<{ ruleId: string; message: string }>;
}

/** Rules that should run: deprecated ones stay loadable (for docs and ids) but never fire. */
export function activeRules(rules: CompiledRule[]): CompiledRule[] {
  return rules.filter((r) => r.spec.status !== 'deprecated');
}

/** The evaluate stage: run every compiled rule on one applicant's facts. Pure. */
export function evaluate(facts: Facts, rules: CompiledRule[]): Evaluation {
  const findings: Finding[] = [];
  let missing: number[] | undefined;
  const failures: Evaluation['failures'] = [];
  for (let k = 0; k < rules.length; k++) {
    const rule = rules[k]!;
    const { spec } = rule;
    // Pattern rules run on findings, after every ordinary rule (see patterns.ts); linkage rules
    // score links across the batch (src/correlate).
    if (rule.pattern || rule.link) continue;
    if (!rule.hasData(facts)) {
      // Data the rule looks at, but not what it needs to decide: "not detectable", said apart.
      (missing ??= []).push(spec.whenUndetectable && rule.hasSubjects?.(facts) ? -k - 1 : k);
      continue;
    }
    let evidence;
    try {
      evidence = rule.evaluate(facts);
    } catch (e) {
      failures.push({ ruleId: spec.id, message: `rule ${spec.id} (${rule.source.file}:${rule.source.line}) failed: ${(e as Error).message}` });
      continue;
    }
    if (!evidence) continue;
    const parts = rule.render(facts, evidence);
    const escalated = spec.escalate ? escalation(spec.severity, spec.escalate, evidence) : undefined;
    findings.push({
      ruleId: spec.id,
      family: spec.family,
      severity: escalated?.to ?? spec.severity,
      ...(escalated ? { escalated: { distinct: escalated.distinct, from: spec.severity } } : {}),
      title: spec.title,
      message: parts && joinMessage(parts),
      ...(parts ? { messageParts: parts } : {}),
      evidence: spec.sessions ? [...distinctEvidence(evidence), ...sessionsBehind(facts, spec.sessions)] : distinctEvidence(evidence),
      references: spec.references,
      falsepositives: spec.falsepositives,
      next: spec.next,
    });
  }
  return { findings, notEvaluated: missing ? notEvaluatedLines(rules, missing) : [], coverage: coverageLine(rules, missing), failures };
}

/**
 * "29 of 48 checks could run; to check more, collect: network.sessions / interviews, identity.documents".
 * Pattern and linkage rules are not checks of one record and are not counted. Cached per combination.
 */
function coverageLine(rules: CompiledRule[], missing: number[] | undefined): string {
  const cache = linesCache(rules);
  const key = `cov:${missing?.join(',') ?? ''}`;
  let line = cache.lines.get(key)?.[0];
  if (line === undefined) {
    const total = [...cache.total.values()].reduce((a, b) => a + b, 0);
    const absent = (missing ?? []).filter((k) => k >= 0);
    const undetectable = (missing ?? []).length - absent.length;
    const ran = total - absent.length - undetectable;
    const groups = [
      ...new Set(
        absent.flatMap((k) => {
          const r = rules[k]!;
          return (r.requires.length ? r.requires : r.subjects).slice(0, 1).map(inputGroup);
        }),
      ),
    ];
    const tail = groups.length ? `; to check more, collect: ${groups.slice(0, 8).join(', ')}${groups.length > 8 ? ` and ${groups.length - 8} more` : ''}` : '';
    line = `${ran} of ${plural(total, 'check')} could run${undetectable ? ` (${undetectable} not detectable from this data)` : ''}${tail}`;
    cache.lines.set(key, [line]);
  }
  return line;
}

/** Listed per finding at most: enough to see the pattern, bounded for records with thousands. */
const MAX_SESSIONS_SHOWN = 20;

/**
 * The sessions behind a finding about where the applicant connected from, as evidence items at
 * their derived path (so --redact masks the IP like any other, and keeps time, kind and country).
 */
function sessionsBehind(facts: Facts, which: 'elsewhere' | 'hosting' | 'located'): EvidenceItem[] {
  const sessions =
    (facts.derived.sessions as
      Array<{ origin?: string; at?: unknown; kind?: unknown; ip?: unknown; country?: string; hosting?: boolean; hostingNetwork?: string }> | undefined) ?? [];
  const home = facts.claimedLocation?.country;
  const out: EvidenceItem[] = [];
  let more = 0;
  sessions.forEach((s, i) => {
    const keep = which === 'hosting' ? s.hosting === true : which === 'located' ? !!s.country : !!s.country && !!home && s.country !== home;
    if (!keep) return;
    if (out.length >= MAX_SESSIONS_SHOWN) {
      more++;
      return;
    }
    const value: Record<string, unknown> = {};
    for (const k of ['at', 'kind', 'ip', 'country', 'hostingNetwork'] as const) if (s[k] !== undefined) value[k] = s[k];
    out.push({ path: `derived.sessions[${i}]`, pattern: 'derived.sessions[]', value, note: `session behind the finding (${s.origin ?? 'session'})` });
  });
  if (more)
    out.push({
      path: 'derived.sessions',
      pattern: 'derived.sessions',
      value: `${more} more`,
      note: `only the first ${MAX_SESSIONS_SHOWN} sessions are listed`,
    });
  return out;
}

/**
 * escalate: several independent matches (distinct values: two different listed firms, not one firm
 * named twice) raise the severity by steps, from whatever severity is in effect after tuning.
 */
function escalation(from: Severity, e: Escalation, evidence: EvidenceItem[]): { to: Severity; distinct: number } | undefined {
  const distinct = distinctValues(evidence);
  if (distinct < e.distinct || from === 'info') return undefined;
  const to = SEVERITIES[Math.min(SEVERITIES.indexOf(from) + (e.by ?? 1), SEVERITIES.length - 1)]!;
  return to === from ? undefined : { to, distinct };
}

/**
 * One line per family: which input it lacked reads better than every rule that could not run.
 * The same few combinations of missing data repeat across an export, so the lines are built once
 * per rule set and combination (the positions of the rules without data), and shared.
 */
function notEvaluatedLines(rules: CompiledRule[], missing: number[]): string[] {
  const cache = linesCache(rules);
  const key = missing.join(',');
  let lines = cache.lines.get(key);
  if (lines === undefined) {
    const byFamily = new Map<Family, CompiledRule[]>();
    const undetectable: CompiledRule[] = [];
    for (const k of missing) {
      if (k < 0) {
        undetectable.push(rules[-k - 1]!);
        continue;
      }
      const r = rules[k]!;
      byFamily.set(r.spec.family, [...(byFamily.get(r.spec.family) ?? []), r]);
    }
    lines = [];
    for (const family of FAMILIES) {
      const rs = byFamily.get(family);
      if (!rs) continue;
      const total = cache.total.get(family)!;
      const groups = [...new Set(rs.flatMap((r) => (r.requires.length ? r.requires : r.subjects).map(inputGroup)))];
      // The family ran when some of its rules had data.
      if (rs.length === total) lines.push(`${family}.*: no ${family} data (${groups.join(', ')})`);
      else {
        // Some input of this family was given: name the checks and the exact field each lacked,
        // since "identity.documents" would read as missing when only their anomalies are.
        const shown = rs.slice(0, 6).map((r) => `${r.spec.id.slice(family.length + 1)} (${(r.requires.length ? r.requires : r.subjects)[0] ?? '?'})`);
        const more = rs.length > 6 ? ` and ${rs.length - 6} more` : '';
        lines.push(`${family}: ${rs.length} of ${total} checks had no data: ${shown.join(', ')}${more}`);
      }
    }
    for (const r of undetectable) lines.push(`${r.spec.id}: not detectable from this data (${r.spec.whenUndetectable}), which is not the same as no data`);
    if (cache.lines.size >= 1024) cache.lines.clear();
    cache.lines.set(key, lines);
  }
  return lines.slice();
}

interface LinesCache {
  /** How many rules the lines are for (a caller that adds rules to its array gets new lines). */
  size: number;
  total: Map<Family, number>;
  lines: Map<string, string[]>;
}

const LINES = new WeakMap<CompiledRule[], LinesCache>();

function linesCache(rules: CompiledRule[]): LinesCache {
  let c = LINES.get(rules);
  if (!c || c.size !== rules.length) {
    const total = new Map<Family, number>();
    for (const r of rules) if (!r.pattern && !r.link) total.set(r.spec.family, (total.get(r.spec.family) ?? 0) + 1);
    c = { size: rules.length, total, lines: new Map() };
    LINES.set(rules, c);
  }
  return c;
}

/** Derived facts are named after the input they come from, so "no data" points at what to collect. */
const DERIVED_FROM: Record<string, string> = lookupTable({
  phones: 'contact.phones',
  emails: 'contact.emails',
  employmentOverlaps: 'employment',
  ageAtApplication: 'dateOfBirth',
  sessions: 'network.sessions / interviews',
  observedCountries: 'network.sessions / interviews',
  payees: 'payroll',
  sessionLocation: 'network.sessions / interviews',
  countryShares: 'network.sessions / interviews',
  hostingShare: 'network.sessions / interviews',
  activity: 'network.sessions with times and claimedLocation.timezone',
  payrollChanges: 'payroll.changes',
  declared: 'declarations',
});

function inputGroup(path: string): string {
  if (path.startsWith('name.')) return 'name';
  const parts = path.replace(/\[[^\]]*\]/g, '').split('.');
  if (parts[0] === 'derived') return DERIVED_FROM[parts[1] ?? ''] ?? `derived.${parts[1]}`;
  if (parts[0] === 'identity' || parts[0] === 'network' || parts[0] === 'contact' || parts[0] === 'claimedLocation') return parts.slice(0, 2).join('.');
  return parts[0]!;
}

/** Two leaves may test one value (an IP in a range, and present): show it once, with its note. */
function distinctEvidence(items: EvidenceItem[]): EvidenceItem[] {
  const seen = new Map<string, EvidenceItem>();
  for (const e of items) {
    const prev = seen.get(e.path);
    if (!prev) seen.set(e.path, e);
    else if (!prev.note && e.note) seen.set(e.path, e);
  }
  return seen.size === items.length ? items : [...seen.values()];
}
