import type { LinkResult } from './link-types.js';
import { hash64, hex64 } from './hash64.js';
import { MAX_LINKED_PEOPLE, NO_RULE_NOTE, type LinkKinds } from './link-kinds.js';
import { similarity } from './minhash.js';
import { PeopleCounter, type Identities } from './people.js';
import { ROLES, slotOf } from './roles.js';

/** Estimated Jaccard similarity of 4-word shingles from which two résumés count as near-identical. */
export const SIMILAR_RESUME = 0.8;
/** A band bucket this full is boilerplate every résumé shares: comparing inside it is pointless and quadratic. */
const MAX_BUCKET = 200;
const TEXT_SLOT = slotOf(
  ROLES.findIndex((r) => r.name === 'resume-band'),
  0,
);

/**
 * Candidate pairs from shared LSH bands → verified by their signatures → grouped (union-find).
 * Pairs already linked by an identical résumé file are left out: one fact, one finding.
 */
export function findSimilarResumes(
  buckets: number[][],
  signatures: { get(ordinal: number): Uint32Array | undefined },
  who: Identities,
  existing: LinkResult[],
  kinds: LinkKinds,
): LinkResult[] {
  const kind = kinds.get('similar-resume');
  const people = new PeopleCounter(who);
  const sameFile = new Set<string>();
  for (const l of existing) {
    if (l.kind !== 'shared-resume') continue;
    for (const a of l.members) for (const b of l.members) if (a.ordinal < b.ordinal) sameFile.add(`${a.ordinal}:${b.ordinal}`);
  }
  const parent = new Map<number, number>();
  const find = (o: number): number => {
    if (!parent.has(o)) parent.set(o, o);
    let r = o;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(o, r);
    return r;
  };
  const lowest = new Map<number, number>();
  const seen = new Set<string>();
  for (const bucket of buckets) {
    if (bucket.length > MAX_BUCKET) continue;
    for (let i = 0; i < bucket.length; i++) {
      for (let j = i + 1; j < bucket.length; j++) {
        const [a, b] = bucket[i]! < bucket[j]! ? [bucket[i]!, bucket[j]!] : [bucket[j]!, bucket[i]!];
        const pair = `${a}:${b}`;
        if (seen.has(pair) || sameFile.has(pair) || people.samePerson(a, b)) continue;
        seen.add(pair);
        const s = similarity(signatures.get(a)!, signatures.get(b)!);
        if (s < SIMILAR_RESUME) continue;
        const ra = find(a);
        const rb = find(b);
        const low = Math.min(s, lowest.get(ra) ?? 1, lowest.get(rb) ?? 1);
        parent.set(ra, rb);
        lowest.set(rb, low);
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (const o of parent.keys()) {
    const r = find(o);
    groups.set(r, [...(groups.get(r) ?? []), o]);
  }
  const out: LinkResult[] = [];
  for (const [root, ordinals] of groups) {
    if (ordinals.length < 2) continue;
    ordinals.sort((x, y) => x - y);
    const n = people.count(ordinals);
    const ids = ordinals.map((o) => who.id(o) ?? String(o)).sort();
    const h = hash64(`similar-resume|${ids.join('\u001f')}`);
    const pct = Math.round((lowest.get(root) ?? 1) * 100);
    out.push({
      kind: 'similar-resume',
      severity: n > MAX_LINKED_PEOPLE || !kind ? 'info' : kind.severity(n),
      value: `résumé texts ≥ ${pct}% alike`,
      key: hex64(h.hi, h.lo),
      members: ordinals.map((ordinal) => ({ ordinal, slots: [TEXT_SLOT] })),
      scored: n <= MAX_LINKED_PEOPLE && !!kind,
      ...(kind ? {} : { note: NO_RULE_NOTE }),
    });
  }
  return out;
}
