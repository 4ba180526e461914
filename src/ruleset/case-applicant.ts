import type { RuleCase } from '../model/rule.js';

/**
 * Cases may leave out id and name.full: a test about documents should not need boilerplate. Here,
 * below the case runner (cli/rules/run-cases.ts), because linting checks case applicants too.
 */
export function caseApplicant(rule: { spec: { id: string } }, c: RuleCase, index: number): Record<string, unknown> {
  const a = { ...c.applicant };
  a.id ??= `${rule.spec.id}#${index}`;
  const name = (a.name ?? {}) as Record<string, unknown>;
  a.name = { full: 'Test Applicant', ...name };
  return a;
}
