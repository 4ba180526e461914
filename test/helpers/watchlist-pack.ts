import type { Finding } from '../../src/model/finding.js';
import { checkRecord } from '../../src/pipeline/check-record.js';
import { loadRuleSet } from '../../src/ruleset/load.js';
import { tempDir } from './temp-tree.js';

/** A fresh directory for `watchlist import` to write a pack into, removed when the test file ends. */
export const packDir = (): string => tempDir('dprk-wl-');

/** The findings the rules of the pack in `dir` give an applicant (Jordan Miller, plus `applicant`). */
export function packFindings(dir: string, applicant: Record<string, unknown>): Finding[] {
  const rules = loadRuleSet({ paths: [dir] }).rules;
  const o = checkRecord({ source: 't', file: 't', value: { id: 'a1', name: { full: 'Jordan Miller' }, ...applicant } } as never, rules, {
    strict: true,
    enrich: {},
  });
  if (!o.ok) throw new Error(o.error.message);
  return o.result.findings;
}

/** The same, as rule id → severity. */
export const packSeverities = (dir: string, applicant: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(packFindings(dir, applicant).map((f) => [f.ruleId, f.severity]));
