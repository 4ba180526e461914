import type { NamedList } from '../model/list.js';
import { COMPANY_MATCH_THRESHOLD, companyMatch, prepareCompany, type PreparedCompany } from '../normalize/company.js';
import { memoize } from '../util/memo.js';
import type { Verdict } from './operators.js';

/** One listed spelling (an entry's value or one of its aliases), prepared once at compile time. */
export interface CompanyCandidate {
  prepared: PreparedCompany;
  /** The entry's main value, the alias that was written, and what to say about the entry. */
  entry: string;
  alias?: string;
  describe: (match: string) => string;
}

export function listCandidates(list: NamedList): CompanyCandidate[] {
  return list.entries.flatMap((e) => {
    const src = e.source ? ` — source: ${e.source.title}${e.source.date ? `, ${e.source.date}` : ''}${e.source.url ? ` (${e.source.url})` : ''}` : '';
    const note = e.note ? `; ${e.note}` : '';
    const status = e.status ? ` [${e.status}]` : '';
    return [e.value, ...e.aliases].map((v) => ({
      prepared: prepareCompany(v),
      entry: e.value,
      alias: v === e.value ? undefined : v,
      describe: (match: string) => `matches ${list.title} entry "${e.value}"${v === e.value ? '' : ` (listed alias "${v}")`}${status}, ${match}${note}${src}`,
    }));
  });
}

export function literalCandidates(values: string[]): CompanyCandidate[] {
  return values.map((v) => ({ prepared: prepareCompany(v), entry: v, describe: (match: string) => `is the listed company "${v}", ${match}` }));
}

/**
 * `in` / `notIn` with `as: company`: the best-scoring listed spelling, reported with its entry,
 * source and similarity (threshold and method in normalize/company.ts).
 */
export function companyMembership(candidates: CompanyCandidate[], negate: boolean): (value: unknown) => Verdict {
  // The verdict depends on the value alone, and employers repeat across an export.
  const verdictFor = memoize((value: string) => membershipVerdict(candidates, negate, value), 1024);
  return (value) => (typeof value === 'string' ? verdictFor(value) : { ok: false });
}

function membershipVerdict(candidates: CompanyCandidate[], negate: boolean, value: string): Verdict {
  const mine = prepareCompany(value);
  if (!mine.key) return { ok: false };
  let best: CompanyCandidate | undefined;
  let bestScore = -1;
  let bestHow = '';
  for (const c of candidates) {
    // Exact for every score that can be a match; below that the best one is never reported.
    const s = companyMatch(mine, c.prepared);
    if (s.score > bestScore) {
      best = c;
      bestScore = s.score;
      bestHow = s.how;
    }
    if (s.score === 1) break;
  }
  const hit = best !== undefined && bestScore >= COMPANY_MATCH_THRESHOLD;
  if (negate) return hit ? { ok: false } : { ok: true, note: 'matches no listed company' };
  if (!hit) return { ok: false };
  return { ok: true, note: best!.describe(`similarity ${bestScore.toFixed(2)} (${bestHow}; match ≥ ${COMPANY_MATCH_THRESHOLD})`) };
}
