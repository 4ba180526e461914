/** Levenshtein distance (insert, delete, substitute), O(len a × len b) on short strings. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** 1 − distance / longer length: 1 for equal strings, 0 for nothing in common. */
export function editSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - levenshtein(a, b) / longer;
}

/**
 * Token-wise similarity: tokens are paired greedily, best pair first, each token used once; a pair
 * counts only if its own similarity is at least `minPair`. The score is the pairs' similarity
 * weighted by their length over the length of all tokens on both sides, so an unpaired token (a
 * word one name has and the other lacks) pulls the score down by its share of the text.
 */
export function tokenSimilarity(a: string[], b: string[], minPair = 0.75): number {
  const total = a.reduce((n, t) => n + t.length, 0) + b.reduce((n, t) => n + t.length, 0);
  if (total === 0) return 0;
  const pairs: Array<{ i: number; j: number; s: number }> = [];
  a.forEach((x, i) => b.forEach((y, j) => {
    const s = editSimilarity(x, y);
    if (s >= minPair) pairs.push({ i, j, s });
  }));
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
