import { createHash } from 'node:crypto';

/**
 * What a review was about: the set of rule ids that fired. A clearance stands while a later run
 * finds the same rules (values may differ: a reviewer cleared "shares a phone", not which phone);
 * a new rule firing makes the applicant new again.
 */
export function findingsFingerprint(ruleIds: Iterable<string>): string {
  const ids = [...new Set(ruleIds)].sort();
  return createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 16);
}
