import type { Finding } from '../model/finding.js';
import type { ApplicantResult, Link } from '../model/report.js';
import type { EvidenceItem } from '../model/rule.js';
import { score } from '../score/score.js';
import { patternOf } from '../runtime/field-path.js';
import type { LinkResult } from './link-types.js';
import { builtinLinkKinds, type LinkKinds } from './link-kinds.js';
import type { CompiledException } from '../model/exception.js';
import type { CompiledRule } from '../model/rule.js';
import { applyPatterns } from '../evaluate/patterns.js';
import { roleOfSlot, pathOfSlot } from './roles.js';

export interface LinkTarget {
  result: ApplicantResult;
  /** personKey of the applicant, to leave their own other records out of "others". */
  person: number;
  /**
   * The configured exceptions that cover a linkage rule and hold for this applicant, found while
   * its facts were at hand (check time): tuning applies after linking without keeping the facts.
   */
  exceptions?: CompiledException[];
}

export interface ApplyOptions {
  /** How each kind is scored: the linkage rules to run (the built-in ones when absent). */
  kinds?: LinkKinds;
  /** The rules that ran, for pattern rules that name linkage rules. */
  rules?: CompiledRule[];
}

/**
 * Turn links into linkage findings on each member and re-score the members: a link raises every
 * applicant in it. Duplicate ids become warnings; unscored links only appear in the report's list.
 */
export function applyLinks(links: LinkResult[], target: (ordinal: number) => LinkTarget | undefined, options: ApplyOptions = {}): Link[] {
  const kinds = options.kinds ?? builtinLinkKinds();
  const touched = new Set<ApplicantResult>();
  const out: Link[] = [];
  for (const link of links) {
    const members = link.members.map((m) => ({ ...m, t: target(m.ordinal) })).filter((m) => m.t);
    if (members.length === 0) continue;
    out.push({
      kind: link.kind,
      severity: link.severity,
      value: link.value,
      key: link.key,
      applicants: members.map((m) => m.t!.result.id),
      sources: members.map((m) => m.t!.result.source),
      ...(link.note ? { note: link.note } : {}),
    });
    if (link.kind === 'duplicate-id') {
      for (const m of members) {
        const others = members.filter((o) => o !== m).map((o) => o.t!.result.source);
        m.t!.result.warnings = [
          ...m.t!.result.warnings,
          {
            code: 'input-duplicate-id',
            severity: 'warning',
            message: `applicant id '${m.t!.result.id}' also appears at ${others.join(', ')}; the records are checked separately, never merged`,
          },
        ];
      }
      continue;
    }
    if (!link.scored) continue;
    // Counted once per link, so a value shared by thousands (an agency switchboard, a NAT address)
    // costs linear time, not a pass over every member for every member.
    const byId = new Map<string, number>();
    const byPerson = new Map<number, number>();
    const byBoth = new Map<string, number>();
    for (const o of members) {
      const t = o.t!;
      byId.set(t.result.id, (byId.get(t.result.id) ?? 0) + 1);
      byPerson.set(t.person, (byPerson.get(t.person) ?? 0) + 1);
      const both = `${t.person}\0${t.result.id}`;
      byBoth.set(both, (byBoth.get(both) ?? 0) + 1);
    }
    for (const m of members) {
      const me = m.t!;
      // Members that are neither this applicant's id nor the same person.
      const count = members.length - byId.get(me.result.id)! - byPerson.get(me.person)! + byBoth.get(`${me.person}\0${me.result.id}`)!;
      if (count <= 0) continue;
      const named: Array<{ id: string; source: string }> = [];
      const seenIds = new Set<string>();
      for (const o of members) {
        if (named.length >= 10) break;
        const t = o.t!;
        if (t.result.id === me.result.id || t.person === me.person || seenIds.has(t.result.id)) continue;
        seenIds.add(t.result.id);
        named.push({ id: t.result.id, source: t.result.source });
      }
      const shipTo = m.slots.some((s) => roleOfSlot(s).name === 'ship-to');
      // Someone who only lives at an address others ship hardware to shares a home, not a ship-to.
      const kindId = link.kind === 'shared-ship-to' && !shipTo ? 'shared-address' : link.kind;
      const kind = kinds.get(kindId) ?? kinds.get(link.kind);
      if (!kind) continue;
      const people = byPerson.size;
      const note = `shared with ${named.map((o) => `${o.id} (${o.source})`).join(', ')}${count > named.length ? ` and ${count - named.length} more` : ''}`;
      const evidence: EvidenceItem[] = m.slots.map((slot) => {
        const path = pathOfSlot(slot);
        return { path, pattern: patternOf(path), value: link.value, note };
      });
      const finding: Finding = {
        ruleId: kind.ruleId,
        family: 'linkage',
        severity: kindId === link.kind ? link.severity : kind.severity(people),
        title: kind.title,
        message: kind.message({ ids: named.map((o) => o.id), count }),
        evidence,
        references: kind.references,
        falsepositives: kind.falsepositives,
        next: kind.next,
      };
      const by = me.exceptions?.find((e) => e.ruleIds.has(kind.ruleId));
      if (by) {
        me.result.suppressed = [
          ...(me.result.suppressed ?? []),
          {
            ruleId: kind.ruleId,
            title: kind.title,
            severity: finding.severity,
            exception: by.id,
            reason: by.reason,
            source: `${by.source.file}:${by.source.line}`,
          },
        ];
        continue;
      }
      me.result.findings = [...me.result.findings, finding];
      touched.add(me.result);
    }
  }
  for (const r of touched) completeLinked(r, options.rules);
  return out;
}

/**
 * An applicant links added findings to: pattern rules that name linkage rules can only complete
 * now (when `rules` are given), and the applicant is scored again.
 */
export function completeLinked(r: ApplicantResult, rules?: CompiledRule[]): void {
  if (rules) {
    const have = new Set(r.findings.map((f) => f.ruleId));
    const fresh = applyPatterns(r.findings, rules).filter((f) => !have.has(f.ruleId));
    if (fresh.length) r.findings = [...r.findings, ...fresh];
  }
  const s = score(r.findings);
  r.score = s.score;
  r.level = s.level;
  r.contributions = s.contributions;
}
