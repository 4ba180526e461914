import type { NamedList } from '../model/list.js';
import { COMPANY_MATCH_THRESHOLD, companyMatch, MATCH_FLOOR, MIN_CONTAINED_LENGTH, prepareCompany, type PreparedCompany } from '../normalize/company.js';
import { memoize } from '../util/memo.js';
import { NO, type Verdict } from './verdict.js';

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
  const byLength = new LengthIndex(candidates);
  // The verdict depends on the value alone, and employers repeat across an export.
  const verdictFor = memoize((value: string) => membershipVerdict(byLength, negate, value), 1024);
  return (value) => (typeof value === 'string' ? verdictFor(value) : NO);
}

function membershipVerdict(index: LengthIndex, negate: boolean, value: string): Verdict {
  const mine = prepareCompany(value);
  if (!mine.key) return NO;
  let best: CompanyCandidate | undefined;
  let bestScore = -1;
  let bestHow = '';
  // Only the spellings that can reach the threshold, in list order: the first best one is reported.
  for (const c of index.reachable(mine.key.length)) {
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
  if (negate) return hit ? NO : { ok: true, note: 'matches no listed company' };
  if (!hit) return NO;
  return { ok: true, note: best!.describe(`similarity ${bestScore.toFixed(2)} (${bestHow}; match ≥ ${COMPANY_MATCH_THRESHOLD})`) };
}

/**
 * Listed spellings by the length of their key. A name can only match a listed one of about its
 * own length (same key; or a spelling score, which cannot beat 2·shorter/(both lengths)) or a
 * shorter one of at least MIN_CONTAINED_LENGTH letters written inside it; every other spelling
 * scores below the threshold without being looked at. A watchlist imported from a sanctions
 * source holds thousands of names, so this matters more than the arithmetic saved here.
 */
class LengthIndex {
  private readonly sorted: Array<{ c: CompanyCandidate; order: number; length: number }>;
  /** reachable() by key length: the answer depends on the length alone (keys are at most a few hundred letters). */
  private readonly byLength: CompanyCandidate[][] = [];

  constructor(candidates: CompanyCandidate[]) {
    this.sorted = candidates.map((c, order) => ({ c, order, length: c.prepared.key.length })).sort((a, b) => a.length - b.length || a.order - b.order);
  }

  /** Candidates a key of this length can match, in list order (shared: read-only). */
  reachable(length: number): readonly CompanyCandidate[] {
    return (this.byLength[length] ??= this.find(length));
  }

  private find(length: number): CompanyCandidate[] {
    const f = MATCH_FLOOR;
    // Same key or a spelling score: 2·min/(sum) ≥ f ⇔ listed length within
    // [length·f/(2−f), length·(2−f)/f]. A letter of slack each way against rounding.
    const fuzzyFrom = Math.floor((length * f) / (2 - f)) - 1;
    const to = Math.ceil((length * (2 - f)) / f) + 1;
    // Written inside: from MIN_CONTAINED_LENGTH up to the name's own length.
    const from = length >= MIN_CONTAINED_LENGTH ? Math.min(fuzzyFrom, MIN_CONTAINED_LENGTH) : fuzzyFrom;
    const out: Array<{ c: CompanyCandidate; order: number }> = [];
    for (let i = this.firstAtLeast(from); i < this.sorted.length && this.sorted[i]!.length <= to; i++) {
      const e = this.sorted[i]!;
      if (e.length < fuzzyFrom && e.length < MIN_CONTAINED_LENGTH) continue;
      out.push(e);
    }
    return out.sort((a, b) => a.order - b.order).map((e) => e.c);
  }

  private firstAtLeast(length: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]!.length < length) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
