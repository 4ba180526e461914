/**
 * Memoise a pure function of one string. Exports repeat the same employers, countries, time zones
 * and list spellings thousands of times, and normalising them (Unicode folding, transliteration,
 * phone parsing) costs far more than a Map lookup.
 *
 * Bounded so a million-record run cannot grow it: the cache is emptied when it holds `max`
 * entries (cheaper than LRU bookkeeping, and values repeat in bursts anyway), and keys longer
 * than `maxKey` are never kept (a 10 MB field must not stay alive because it was compared once).
 * Results are shared between callers, so they must be treated as immutable.
 */
export type Memo<V> = ((key: string) => V) & {
  /** The cached result, if there is one, without computing it. */
  peek: (key: string) => V | undefined;
};

export function memoize<V>(fn: (key: string) => V, max = 4096, maxKey = 256): Memo<V> {
  const cache = new Map<string, V>();
  const memo = (key: string): V => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = fn(key);
    if (key.length <= maxKey) {
      if (cache.size >= max) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
  return Object.assign(memo, { peek: (key: string) => cache.get(key) });
}
