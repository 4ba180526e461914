import type { EvidenceItem } from '../model/rule.js';

/** Distinct matched values, compared without case, spaces and punctuation (minDistinct, escalate). */
export function distinctValues(evidence: EvidenceItem[]): number {
  return new Set(
    evidence.map((x) =>
      String(x.value)
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ''),
    ),
  ).size;
}
