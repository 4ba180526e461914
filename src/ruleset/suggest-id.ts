import { closest } from '../util/closest.js';

/**
 * "Did you mean" for a rule id. Edit distance alone misses the common mistakes with long ids: a
 * prefix (`network.cn-ru-egress` for `network.cn-ru-egress-elsewhere-declared`), a fragment, or
 * the words in another order. Returns at most three ids, best first.
 */
export function suggestIds(word: string, ids: string[]): string[] {
  const w = word.toLowerCase();
  if (w.length === 0) return [];
  const lower = ids.map((id) => [id, id.toLowerCase()] as const);
  const pick = (test: (id: string) => boolean) =>
    lower
      .filter(([, l]) => test(l))
      .map(([id]) => id)
      .slice(0, 3);
  const near = closest(word, ids);
  if (near) return [near];
  // Fragments shorter than this would match half the ids.
  if (w.length >= 4) {
    const prefix = pick((l) => l.startsWith(w));
    if (prefix.length) return prefix;
    const inside = pick((l) => l.includes(w));
    if (inside.length) return inside;
  }
  const words = w.split(/[.\-_\s]+/).filter((t) => t.length >= 2);
  if (words.length >= 2) {
    const all = pick((l) => words.every((t) => l.includes(t)));
    if (all.length) return all;
  }
  return [];
}

/** The hint sentence for a rule id that matches nothing. */
export function didYouMean(word: string, ids: string[]): string | undefined {
  const s = suggestIds(word, ids);
  if (s.length === 0) return undefined;
  return s.length === 1 ? `did you mean '${s[0]}'?` : `did you mean one of ${s.map((x) => `'${x}'`).join(', ')}?`;
}
