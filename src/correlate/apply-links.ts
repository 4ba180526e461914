import type { Finding } from '../model/finding.js';
import type { ApplicantResult, Link } from '../model/report.js';
import type { EvidenceItem } from '../model/rule.js';
import { score } from '../score/score.js';
import type { LinkResult } from './correlator.js';
import { LINK_KINDS } from './link-kinds.js';
import { roleOfSlot, pathOfSlot } from './roles.js';

export interface LinkTarget {
  result: ApplicantResult;
  /** personKey of the applicant, to leave their own other records out of "others". */
  person: number;
}

const patternOf = (path: string) => path.replace(/\[\d+\]/g, '[]');

/**
 * Turn links into linkage findings on each member and re-score the members: a link raises every
 * applicant in it. Duplicate ids become warnings; unscored links only appear in the report's list.
 */
export function applyLinks(links: LinkResult[], target: (ordinal: number) => LinkTarget | undefined): Link[] {
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
    for (const m of members) {
      const me = m.t!;
      const others = members.filter((o) => o.t!.result.id !== me.result.id && o.t!.person !== me.person);
      if (others.length === 0) continue;
      const shipTo = m.slots.some((s) => roleOfSlot(s).name === 'ship-to');
      // Someone who only lives at an address others ship hardware to shares a home, not a ship-to.
      const kindId = link.kind === 'shared-ship-to' && !shipTo ? 'shared-address' : link.kind;
      const kind = LINK_KINDS[kindId]!;
      const otherIds = [...new Set(others.map((o) => o.t!.result.id))];
      const people = new Set([me.person, ...others.map((o) => o.t!.person)]).size;
      const note = `shared with ${others.map((o) => `${o.t!.result.id} (${o.t!.result.source})`).slice(0, 10).join(', ')}${others.length > 10 ? ` and ${others.length - 10} more` : ''}`;
      const evidence: EvidenceItem[] = m.slots.map((slot) => {
        const path = pathOfSlot(slot);
        return { path, pattern: patternOf(path), value: link.value, note };
      });
      const finding: Finding = {
        ruleId: `linkage.${kind.id}`,
        family: 'linkage',
        severity: kindId === link.kind ? link.severity : kind.severity(people),
        title: kind.title,
        message: kind.message(otherIds),
        evidence,
        references: kind.references,
        falsepositives: kind.falsepositives,
        next: kind.next,
      };
      me.result.findings = [...me.result.findings, finding];
      touched.add(me.result);
    }
  }
  for (const r of touched) {
    const s = score(r.findings);
    r.score = s.score;
    r.level = s.level;
    r.contributions = s.contributions;
  }
  return out;
}
