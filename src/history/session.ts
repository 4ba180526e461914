import type { ApplicantResult, Link, LinkKeys, LinkList, Report } from '../model/report.js';
import type { InputFile } from '../model/history.js';
import { findingsFingerprint } from './fingerprint.js';
import type { EarlierApplicant, HistoryStore } from './store.js';

/** How an earlier record is named where a link shows it: "history: run 3, checked 2026-08-14". */
export const earlierSource = (e: Pick<EarlierApplicant, 'runId' | 'checkedAt'>) => `history: run ${e.runId}, checked ${e.checkedAt.slice(0, 10)}`;

/** The hex key out of `role:key:index`. */
const keyOf = (s: string) => s.split(':')[1] ?? '';

/**
 * One check run's use of the history: earlier applicants for the link stage, the review state and
 * earlier checks of this run's applicants, and recording the run.
 */
export class HistorySession {
  earlierRuns = 0;

  constructor(
    readonly store: HistoryStore,
    /** Records older than this (ISO) are past retention: never linked to, pruned. */
    readonly since: string,
  ) {}

  /** For BatchOptions.earlier: the latest earlier record of every other applicant id that shares a key. */
  async earlier(current: Iterable<LinkKeys>): Promise<LinkKeys[]> {
    this.earlierRuns = await this.store.countRuns();
    // One pass: a large batch's keys are read back from disk as they are iterated.
    const ids = new Set<string>();
    const keys: string[] = [];
    for (const k of current) {
      ids.add(k.id);
      for (const s of k.keys) keys.push(keyOf(s));
    }
    const found = await this.store.earlierByKeys(keys, ids, this.since);
    return found.map((e) => ({ id: e.applicantId, source: earlierSource(e), person: e.person, keys: e.keys }));
  }

  /** The latest review decision (and whether the findings are still those reviewed) and earlier checks. */
  async annotate(applicants: ApplicantResult[]): Promise<void> {
    const ids = applicants.map((a) => a.id);
    const [reviews, entries] = await Promise.all([this.store.latestReviews(ids), this.store.entries(ids)]);
    for (const a of applicants) {
      const d = reviews.get(a.id);
      if (d) a.review = { decision: d, unchanged: d.findings === findingsFingerprint(a.findings.map((f) => f.ruleId)) };
      const h = entries.get(a.id);
      if (h?.length) a.history = h;
    }
  }

  /** The run as one transaction: hashed keys, ids, levels and rule ids only (see store.ts). */
  async record(report: Report, keys: Iterable<LinkKeys>, inputs: InputFile[]): Promise<number> {
    const bySource = new Map<string, LinkKeys>();
    for (const k of keys) bySource.set(`${k.source}\u0000${k.id}`, k);
    return this.store.recordRun({
      checkedAt: report.generatedAt,
      toolVersion: report.tool.version,
      rulesVersion: report.tool.rulesVersion,
      inputs: inputs.map((i) => ({ ...(i.sha256 ? { sha256: i.sha256 } : {}), ...(i.bytes !== undefined ? { bytes: i.bytes } : {}) })),
      applicants: Array.from(report.applicants, (a) => {
        const k = bySource.get(`${a.source}\u0000${a.id}`);
        return {
          applicantId: a.id,
          person: k?.person ?? '00000000',
          level: a.level,
          score: a.score,
          ruleIds: a.findings.map((f) => f.ruleId),
          keys: k?.keys ?? [],
        };
      }),
    });
  }
}

/** Reviewed: a decision stands and the findings are the ones it was made on. */
export const isReviewed = (a: ApplicantResult) => !!a.review?.unchanged;

/** --new-only: the applicants nobody has reviewed yet (or whose findings changed), and the links they are in. */
export function onlyNew(applicants: ApplicantResult[], links: LinkList): { applicants: ApplicantResult[]; links: Link[]; left: number } {
  const kept = applicants.filter((a) => !isReviewed(a));
  const ids = new Set(kept.map((a) => a.id));
  const shown: Link[] = [];
  for (const l of links) if (l.applicants.some((id) => ids.has(id))) shown.push(l);
  return { applicants: kept, links: shown, left: applicants.length - kept.length };
}
