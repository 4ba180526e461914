import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadRuleSet } from '../src/ruleset/load.js';
import { activeRules } from '../src/evaluate/evaluate.js';
import { checkRecord } from '../src/pipeline/check-record.js';
import { levelRank } from '../src/model/levels.js';

// Sigma's "goodlog" idea: every rule runs over the consistent applicants shipped in fixtures/
// (people born, educated or formerly employed in Korea, China and Russia among them) and none may
// fire. This guards fairness as the rule set grows.
const rules = activeRules(loadRuleSet().rules);
const dir = join(import.meta.dirname, '..', 'fixtures');
const load = (name: string) => {
  const outcome = checkRecord({ source: name, location: { file: name }, file: name, value: JSON.parse(readFileSync(join(dir, name), 'utf8')) }, rules, {
    strict: true,
    enrich: {},
  });
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message} ${JSON.stringify(outcome.error.diagnostics)}`);
  return outcome.result;
};

describe('consistent applicants raise nothing', () => {
  for (const name of readdirSync(dir).filter((f) => f.startsWith('clean-') && f.endsWith('.json'))) {
    test(name, () => {
      const r = load(name);
      expect(r.findings.map((f) => `${f.ruleId}: ${f.message ?? ''}`)).toEqual([]);
      expect(r.level).toBe('none');
    });
  }
});

describe('each flagged fixture shows its family', () => {
  for (const family of ['identity', 'network', 'affiliation', 'payroll'] as const) {
    test(`flagged-${family}.json`, () => {
      const r = load(`flagged-${family}.json`);
      expect(r.findings.some((f) => f.family === family)).toBe(true);
      expect(levelRank(r.level)).toBeGreaterThanOrEqual(levelRank('high'));
      for (const f of r.findings) {
        expect(f.evidence.length, `${f.ruleId} has evidence`).toBeGreaterThan(0);
        expect(f.references.length).toBeGreaterThan(0);
        expect(f.next.length).toBeGreaterThan(0);
      }
    });
  }
});
