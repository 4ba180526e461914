/**
 * How often each letter occurs in a string, for a cheap upper bound on how alike two strings can
 * be (see company.ts): letters are folded into BINS bins, and two letters that share a bin count
 * as common, which can only raise the count, so the bound stays a bound.
 */
export interface LetterCounts {
  counts: Uint8Array;
  /** The bins that are not empty: the sum below visits only these. */
  bins: Uint8Array;
}

const BINS = 64;

/** Undefined for strings of more than 255 letters, whose counts one byte cannot hold. */
export function letterCounts(s: string): LetterCounts | undefined {
  if (s.length > 255) return undefined;
  // 64 one-byte counts: small enough for V8 to keep in the heap, no separate buffer per name.
  const counts = new Uint8Array(BINS);
  let distinct = 0;
  for (let i = 0; i < s.length; i++) if (counts[s.charCodeAt(i) % BINS]!++ === 0) distinct++;
  const bins = new Uint8Array(distinct);
  for (let b = 0, k = 0; b < BINS; b++) if (counts[b]) bins[k++] = b;
  return { counts, bins };
}

/** Letters two strings have in common, counted with multiplicity (at least the true number). */
export function commonLetters(a: LetterCounts, b: LetterCounts): number {
  let n = 0;
  const x = a.counts;
  const y = b.counts;
  for (const bin of b.bins) n += x[bin]! < y[bin]! ? x[bin]! : y[bin]!;
  return n;
}
