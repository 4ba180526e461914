/**
 * Rule patterns as configuration files write them: an id, `*` for every rule, or an id with `*`
 * wildcards (`network.*`, `identity.document-*`). Nothing else is special, so a pattern can never
 * become a regular expression the user did not mean.
 *
 * Matched without a regex: `*` compiled to `.*` backtracks, and `disable: ["************x"]` never
 * finished. With `*` as the only wildcard, the pieces between stars can be placed greedily, each at
 * its first occurrence after the previous one (a later piece can only gain room from that), so one
 * left-to-right pass of indexOf decides: no backtracking, at most (pieces × id length) work.
 */
export function matchesPattern(pattern: string, id: string): boolean {
  if (pattern === '*' || pattern === id) return true;
  if (!pattern.includes('*')) return false;
  const pieces = pattern.split('*');
  const head = pieces[0]!;
  const tail = pieces[pieces.length - 1]!;
  if (id.length < head.length + tail.length || !id.startsWith(head) || !id.endsWith(tail)) return false;
  let from = head.length;
  const end = id.length - tail.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i]!;
    if (piece === '') continue;
    const at = id.indexOf(piece, from);
    if (at < 0 || at + piece.length > end) return false;
    from = at + piece.length;
  }
  return true;
}

/** The ids a pattern selects, in the order given. */
export function selectIds(pattern: string, ids: string[]): string[] {
  return ids.filter((id) => matchesPattern(pattern, id));
}
