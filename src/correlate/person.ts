import { canonicalNameToken } from '../normalize/name-variants.js';
import { tokens } from '../normalize/text.js';
import { hash32 } from './hash64.js';

/**
 * Records of one person must not be linked to each other (someone who applied twice shares their
 * own phone with themselves). Two records are one person when they have the same id, or the same
 * first and last name after folding, romanisation variants and dropped initials: "Jordan A. Miller"
 * and "Miller, Jordan" agree; a typo does not. The key is hashed, so shard reports can carry it.
 */
export function personKey(fullName: string): number {
  const t = tokens(fullName)
    .map(canonicalNameToken)
    .filter((x) => x.length > 1);
  if (t.length === 0) return hash32(fullName);
  const ends = [t[0]!, t[t.length - 1]!].sort();
  return hash32(ends.join(' '));
}
