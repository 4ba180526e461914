import { describe, expect, test } from 'vitest';
import { inShard, parseShard } from '../../../src/pipeline/shard.js';

describe('--shard', () => {
  test('accepts i/n with 1 ≤ i ≤ n', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
  });

  test.each([['0/4'], ['5/4'], ['1/0'], ['a/b'], ['2'], ['2/4/8'], ['-1/4'], ['1.5/4']])('refuses %s with a one-line reason', (spec) => {
    const r = parseShard(spec);
    expect(typeof r).toBe('string');
    expect(r).toContain(spec.trim());
  });

  test('every source lands in exactly one shard, and shards are roughly even', () => {
    const sources = Array.from({ length: 4000 }, (_, i) => `exports/part-${i % 7}.ndjson#${i}`);
    const counts = [0, 0, 0, 0];
    for (const s of sources) {
      const owners = [1, 2, 3, 4].filter((index) => inShard(s, { index, count: 4 }));
      expect(owners).toHaveLength(1);
      counts[owners[0]! - 1]!++;
    }
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });
});
