import { describe, expect, test } from 'vitest';
import { checkRecords } from '../../../src/pipeline/run-batch.js';
import type { InputRecord } from '../../../src/read/input-record.js';
import { loadRuleSet } from '../../../src/ruleset/load.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { tuneRuleSet } from '../../../src/config/tune-rules.js';
import { tempTree, yaml } from '../../helpers/cli-rule-packs.js';

const LINK_RULES = loadRuleSet().rules.filter((r) => r.link);

async function run(values: unknown[]) {
  async function* records(): AsyncGenerator<InputRecord> {
    for (const [i, value] of values.entries()) yield { source: `x.ndjson#${i + 1}`, file: 'x.ndjson', line: i + 1, value };
  }
  // Only the linkage rules: what the links score comes from rules/linkage/.
  return checkRecords(records(), LINK_RULES, { strict: true, enrich: {} });
}

const shipTo = { line1: '2150 Desert Willow Ln', city: 'Litchfield Park', postalCode: '85340', country: 'US' };

describe('links raise the applicants in them', () => {
  test('members get a linkage finding naming the others, with evidence at their own field, and are re-scored', async () => {
    const { applicants, links } = await run([
      { id: 'a', name: { full: 'Michael Turner' }, equipment: { shipTo } },
      { id: 'b', name: { full: 'Kevin Brooks' }, equipment: { shipTo } },
      { id: 'c', name: { full: 'Olivia Bennett' } },
    ]);
    expect(links).toEqual([
      expect.objectContaining({ kind: 'shared-ship-to', severity: 'high', applicants: ['a', 'b'], sources: ['x.ndjson#1', 'x.ndjson#2'] }),
    ]);
    const [a, b, c] = applicants;
    expect(a!.findings).toEqual([
      expect.objectContaining({
        ruleId: 'linkage.shared-ship-to',
        family: 'linkage',
        severity: 'high',
        message: expect.stringContaining('b'),
        evidence: [expect.objectContaining({ path: 'equipment.shipTo', note: 'shared with b (x.ndjson#2)' })],
      }),
    ]);
    expect([a!.level, b!.level, c!.level]).toEqual(['high', 'high', 'none']);
    expect(a!.contributions).toEqual([{ family: 'linkage', strength: 0.6, findings: 1 }]);
  });

  test('someone who only lives where others ship hardware gets a shared-address finding, not a ship-to one', async () => {
    const { applicants } = await run([
      { id: 'a', name: { full: 'Michael Turner' }, equipment: { shipTo } },
      { id: 'b', name: { full: 'Dana Host' }, contact: { addresses: [{ type: 'home', ...shipTo }] } },
    ]);
    expect(applicants.map((x) => x.findings.map((f) => `${f.ruleId}:${f.severity}`))).toEqual([
      ['linkage.shared-ship-to:high'],
      ['linkage.shared-address:low'],
    ]);
  });

  test('duplicate ids are reported on each record and never merged', async () => {
    const { applicants, links } = await run([
      { id: 'dup', name: { full: 'First Person' } },
      { id: 'dup', name: { full: 'Second Person' } },
    ]);
    expect(applicants).toHaveLength(2);
    expect(links).toEqual([expect.objectContaining({ kind: 'duplicate-id', severity: 'info', applicants: ['dup', 'dup'] })]);
    expect(applicants[0]!.warnings.map((w) => w.message)).toEqual([
      "applicant id 'dup' also appears at x.ndjson#2; the records are checked separately, never merged",
    ]);
    expect(applicants.map((x) => x.level)).toEqual(['none', 'none']);
  });
});

describe('linkage rules are data: disabled, re-weighted and excepted in the configuration', () => {
  const all = loadRuleSet();
  const linkage = (a: { findings: Array<{ family: string; ruleId: string; severity: string }> }) => a.findings.filter((f) => f.family === 'linkage');
  const twoOnOnePhone = [
    { id: 'a', name: { full: 'Michael Turner' }, contact: { phones: ['+1 415 555 0100'] }, claimedLocation: { country: 'US' } },
    { id: 'b', name: { full: 'Kevin Brooks' }, contact: { phones: ['+1 415 555 0100'] }, claimedLocation: { country: 'GB' } },
  ];
  async function runWith(config: Record<string, unknown>, values: unknown[]) {
    const cwd = tempTree({ '.dprk-check.yaml': yaml(config) });
    const loaded = loadConfig({ cwd });
    expect(loaded.diagnostics).toEqual([]);
    const tuned = tuneRuleSet(all, loaded.config);
    expect(tuned.diagnostics.filter((d) => d.code === 'config-unused')).toEqual([]);
    async function* records(): AsyncGenerator<InputRecord> {
      for (const [i, value] of values.entries()) yield { source: `x.ndjson#${i + 1}`, file: 'x.ndjson', line: i + 1, value };
    }
    return checkRecords(records(), tuned.rules, { strict: true, enrich: {}, exceptions: tuned.exceptions });
  }

  test('disable: the link is still listed, with why it is not scored, and raises no one', async () => {
    const { applicants, links } = await runWith({ disable: ['linkage.shared-phone'] }, twoOnOnePhone);
    expect(links).toEqual([expect.objectContaining({ kind: 'shared-phone', severity: 'info', note: expect.stringContaining('not scored') })]);
    expect(applicants.flatMap((a) => linkage(a).map((f) => f.ruleId))).toEqual([]);
  });

  test('severity: the configured severity replaces the ladder', async () => {
    const { applicants } = await runWith({ severity: { 'linkage.shared-phone': 'medium' } }, twoOnOnePhone);
    expect(applicants.map((a) => linkage(a).map((f) => `${f.ruleId}:${f.severity}`))).toEqual([
      ['linkage.shared-phone:medium'],
      ['linkage.shared-phone:medium'],
    ]);
  });

  test('exceptions apply after linking, to the applicants their condition holds for', async () => {
    const { applicants } = await runWith(
      {
        exceptions: [
          {
            id: 'uk-desk',
            rule: 'linkage.shared-phone',
            reason: 'our UK desk shares one switchboard number',
            when: { field: 'claimedLocation.country', equals: 'GB' },
          },
        ],
      },
      twoOnOnePhone,
    );
    expect(linkage(applicants[0]!).map((f) => f.ruleId)).toEqual(['linkage.shared-phone']);
    expect(linkage(applicants[1]!)).toEqual([]);
    expect(applicants[1]!.suppressed).toEqual([expect.objectContaining({ ruleId: 'linkage.shared-phone', exception: 'uk-desk' })]);
  });

  test('severity by distinct people follows the rule file (shared address: 2 → low, 4 → high)', async () => {
    const home = { type: 'home', line1: '9 Birch Rd', postalCode: '30301', country: 'US' };
    const people = ['Ann Lee', 'Bob Ray', 'Cy Moss', 'Di Fox'].map((full, i) => ({ id: `p${i}`, name: { full }, contact: { addresses: [home] } }));
    const two = await runWith({}, people.slice(0, 2));
    expect(two.links[0]!.severity).toBe('low');
    const four = await runWith({}, people);
    expect(four.links[0]!.severity).toBe('high');
  });
});
