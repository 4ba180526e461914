import type { Enricher } from './enricher.js';
import { ageInYears, DAY_MS, parseDate } from '../util/dates.js';

/** Jobs that are not meant to be exclusive: overlapping them is normal. */
const NON_EXCLUSIVE = new Set(['part_time', 'contract', 'freelance', 'internship']);
/** Overlaps shorter than this are job changes with a notice period, not two jobs at once. */
const MIN_OVERLAP_DAYS = 92;

export const timelineFacts: Enricher = {
  name: 'timeline',
  provides: {
    ageAtApplication: { type: 'integer', description: 'whole years from dateOfBirth to appliedAt' },
    employmentOverlaps: {
      type: 'array',
      description: 'pairs of full-time jobs (type absent or full_time) that overlap by more than three months',
      items: {
        type: 'object',
        properties: {
          first: { type: 'string' },
          second: { type: 'string' },
          overlapDays: { type: 'integer' },
        },
      },
    },
  },
  derive(a) {
    const out: Record<string, unknown> = {};
    const dob = parseDate(a.dateOfBirth);
    const applied = parseDate(a.appliedAt);
    if (dob !== undefined && applied !== undefined) out.ageAtApplication = ageInYears(dob, applied);

    const jobs = (a.employment ?? [])
      .map((e, i) => ({ e, i, start: parseDate(e.start), end: e.end ? parseDate(e.end) : (applied ?? undefined) }))
      .filter((j) => j.start !== undefined && j.end !== undefined && !NON_EXCLUSIVE.has(String(j.e.type ?? '')));
    const overlaps: Array<{ first: string; second: string; overlapDays: number }> = [];
    for (let x = 0; x < jobs.length; x++) {
      for (let y = x + 1; y < jobs.length; y++) {
        const p = jobs[x]!;
        const q = jobs[y]!;
        const days = (Math.min(p.end!, q.end!) - Math.max(p.start!, q.start!)) / DAY_MS;
        if (days > MIN_OVERLAP_DAYS) {
          const label = (j: typeof p) => `employment[${j.i}] ${j.e.employer ?? '(no employer)'} ${j.e.start ?? ''}–${j.e.end ?? 'now'}`;
          overlaps.push({ first: label(p), second: label(q), overlapDays: Math.round(days) });
        }
      }
    }
    if (overlaps.length) out.employmentOverlaps = overlaps;
    return out;
  },
};
