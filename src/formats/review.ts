import type { ApplicantResult } from '../model/report.js';
import type { HistoryEntry, ReviewState } from '../model/history.js';

/**
 * What the history says about an applicant (--history), in words every format shares: the review
 * decision in force and the earlier checks. HTML renders the same facts in its own markup.
 */

/** "new", "reviewed" (cleared and unchanged), or the decision in force. */
export function reviewLabel(a: ApplicantResult): string {
  const r = a.review;
  if (!r) return 'new';
  if (r.decision.status === 'cleared') return r.unchanged ? 'reviewed: cleared' : 'changed since cleared';
  return r.decision.status;
}

/** "cleared by J. Park on 2026-09-15 (findings unchanged since)": who decided what, when, and whether it still holds. */
export function decisionText({ decision: d, unchanged }: ReviewState): string {
  return `${d.status} by ${d.by} on ${d.at.slice(0, 10)} (${unchanged ? 'findings unchanged since' : 'findings have changed since: review again'})`;
}

/** "reviewed: cleared — cleared by J. Park on 2026-09-15 (findings unchanged since): note", or undefined without a decision. */
export function reviewText(a: ApplicantResult): string | undefined {
  const r = a.review;
  if (!r) return undefined;
  return `${reviewLabel(a)} — ${decisionText(r)}${r.decision.note ? `: ${r.decision.note}` : ''}`;
}

/** "run 1, 2026-08-14: level high, network.dprk-allocated-ip (rules 2026.11.1)". */
export function earlierCheckText(h: HistoryEntry): string {
  return `run ${h.runId}, ${h.checkedAt.slice(0, 10)}: level ${h.level}, ${h.ruleIds.length ? h.ruleIds.join(', ') : 'no findings'} (rules ${h.rulesVersion})`;
}
