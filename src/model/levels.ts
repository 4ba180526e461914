/** Severities a rule can carry and the risk levels an applicant can reach, lowest first. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const LEVELS = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

export const FAMILIES = ['identity', 'network', 'affiliation', 'payroll', 'linkage'] as const;
export type Family = (typeof FAMILIES)[number];

export const RULE_STATUSES = ['experimental', 'test', 'stable', 'deprecated'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/** --fail-on: the lowest level that makes the run exit 1, or never. */
export const FAIL_ON = ['low', 'medium', 'high', 'critical', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];
