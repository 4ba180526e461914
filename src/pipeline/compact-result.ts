import type { FamilyContribution } from '../model/finding.js';
import type { ApplicantResult } from '../model/report.js';

/** One empty list for every result that has nothing in it (results never change a list in place). */
const NONE = Object.freeze([]) as unknown as never[];
const MAX_SHARED = 16_384;

/**
 * A batch keeps every applicant's result until the report is written, so what a result holds is
 * memory per applicant (docs/batch.md). Most of it repeats from applicant to applicant: the same
 * "no data" lines, the same evidence paths and notes ("differs from claimedLocation.country =
 * IN"), the same score contributions, empty lists. This makes results share one copy of each.
 * The report is unchanged; only identical strings and read-only objects become one.
 */
export class ResultCompactor {
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<string, string[]>();
  private readonly contributions = new Map<string, FamilyContribution>();

  constructor(private readonly options: { keepMessageParts: boolean } = { keepMessageParts: true }) {}

  compact(r: ApplicantResult): void {
    r.notEvaluated = r.notEvaluated.length ? this.list(r.notEvaluated) : NONE;
    if (r.warnings.length === 0) r.warnings = NONE;
    r.contributions = r.contributions.length ? r.contributions.map((c) => this.contribution(c)) : NONE;
    if (r.findings.length === 0) {
      r.findings = NONE;
      return;
    }
    for (const f of r.findings) {
      // Set to undefined rather than deleted: the finding keeps its shape (and stays compact).
      if (!this.options.keepMessageParts && f.messageParts) f.messageParts = undefined;
      for (const e of f.evidence) {
        e.path = this.string(e.path);
        if (e.note !== undefined) e.note = this.string(e.note);
        if (typeof e.value === 'string' && e.value.length <= 64) e.value = this.string(e.value);
      }
    }
  }

  private string(s: string): string {
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    this.bound(this.strings);
    this.strings.set(s, s);
    return s;
  }

  private list(lines: string[]): string[] {
    const key = lines.join('\n');
    const hit = this.lists.get(key);
    if (hit) return hit;
    this.bound(this.lists);
    const shared = Object.freeze(lines.map((l) => this.string(l))) as string[];
    this.lists.set(key, shared);
    return shared;
  }

  private contribution(c: FamilyContribution): FamilyContribution {
    const key = `${c.family}|${c.strength}|${c.findings}`;
    const hit = this.contributions.get(key);
    if (hit) return hit;
    this.bound(this.contributions);
    const shared = Object.freeze({ ...c });
    this.contributions.set(key, shared);
    return shared;
  }

  /** Forget (not invalidate) what was shared once a table is full: memory stays bounded. */
  private bound(m: Map<string, unknown>): void {
    if (m.size >= MAX_SHARED) m.clear();
  }
}
