import type { ApplicantResult } from '../../model/report.js';

/** "new", "reviewed" (cleared and unchanged), or the decision in force. */
export function reviewLabel(a: ApplicantResult): string {
  const r = a.review;
  if (!r) return 'new';
  if (r.decision.status === 'cleared') return r.unchanged ? 'reviewed: cleared' : 'changed since cleared';
  return r.decision.status;
}
