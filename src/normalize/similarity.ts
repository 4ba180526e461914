// One reusable row for every distance computed: company matching runs this for every listed
// spelling against every employer in an export, and a fresh array per call was most of its cost.
let row = new Int32Array(128);

/**
 * Levenshtein distance, exact whenever it is ≤ `max`; otherwise some number above `max` (`max + 1`
 * as soon as a row's smallest value passes it: the distance is at least that).
 */
export function distanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (row.length <= n) row = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    let diag = row[0]!;
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const up = row[j]!;
      const sub = diag + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const ins = row[j - 1]! + 1;
      const v = sub < up + 1 ? (sub < ins ? sub : ins) : up + 1 < ins ? up + 1 : ins;
      diag = up;
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
  }
  return row[n]!;
}

/** Levenshtein distance (insert, delete, substitute), O(len a × len b) on short strings. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  return distanceWithin(a, b, Infinity);
}

/** 1 − distance / longer length: 1 for equal strings, 0 for nothing in common. */
export function editSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - levenshtein(a, b) / longer;
}

/**
 * editSimilarity when it is at least `floor`, else some value below `floor` (without finishing
 * the distance). The largest distance that can still reach the floor, plus one for rounding.
 */
export function editSimilarityAtLeast(a: string, b: string, floor: number): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  if (a.length === 0 || b.length === 0) return 0;
  const max = Math.floor((1 - floor) * longer) + 1;
  const d = distanceWithin(a, b, max);
  return d > max ? -1 : 1 - d / longer;
}

/**
 * Token-wise similarity: tokens are paired greedily, best pair first, each token used once; a pair
 * counts only if its own similarity is at least `minPair`. The score is the pairs' similarity
 * weighted by their length over the length of all tokens on both sides, so an unpaired token (a
 * word one name has and the other lacks) pulls the score down by its share of the text.
 */
export function tokenSimilarity(a: string[], b: string[], minPair = 0.75): number {
  let total = 0;
  for (const t of a) total += t.length;
  for (const t of b) total += t.length;
  if (total === 0) return 0;
  const pairs: Array<{ i: number; j: number; s: number }> = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      // Pairs below minPair are dropped, so their distance need not be finished.
      const s = editSimilarityAtLeast(a[i]!, b[j]!, minPair);
      if (s >= minPair) pairs.push({ i, j, s });
    }
  }
  if (pairs.length === 0) return 0;
  pairs.sort((p, q) => q.s - p.s);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let matched = 0;
  for (const p of pairs) {
    if (usedA.has(p.i) || usedB.has(p.j)) continue;
    usedA.add(p.i);
    usedB.add(p.j);
    matched += p.s * (a[p.i]!.length + b[p.j]!.length);
  }
  return matched / total;
}
