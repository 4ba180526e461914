import { hash32 } from '../correlate/hash64.js';

export interface ShardSpec {
  /** 1-based, as in `--shard 2/4` (the convention of Jest, Playwright and Vitest). */
  index: number;
  count: number;
}

/** Parse `i/n`; a string is the one-line error for anything else. */
export function parseShard(spec: string): ShardSpec | string {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(spec);
  if (!m) return `--shard '${spec}' is not of the form i/n (for example 2/4)`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) return `--shard '${spec}': the number of shards must be at least 1`;
  if (index < 1 || index > count) return `--shard '${spec}': the shard index must be between 1 and ${count}`;
  return { index, count };
}

/**
 * Stable assignment: a record belongs to the shard its source (`file#line`, `file[i]`) hashes to.
 * Sources are known before a line is parsed, so each shard parses only its own lines, and every
 * shard given the same arguments agrees on the split without talking to the others.
 */
export function inShard(source: string, shard: ShardSpec): boolean {
  return shard.count === 1 || hash32(source) % shard.count === shard.index - 1;
}
