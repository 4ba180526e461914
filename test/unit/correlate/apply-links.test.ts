import { describe, expect, test } from 'vitest';
import { checkRecords } from '../../../src/pipeline/run-batch.js';
import type { InputRecord } from '../../../src/read/input-record.js';

async function run(values: unknown[]) {
  async function* records(): AsyncGenerator<InputRecord> {
    for (const [i, value] of values.entries()) yield { source: `x.ndjson#${i + 1}`, file: 'x.ndjson', line: i + 1, value };
  }
  return checkRecords(records(), [], { strict: true, enrich: {} });
}

const shipTo = { line1: '2150 Desert Willow Ln', city: 'Litchfield Park', postalCode: '85340', country: 'US' };

describe('links raise the applicants in them', () => {
  test('members get a linkage finding naming the others, with evidence at their own field, and are re-scored', async () => {
    const { applicants, links } = await run([
      { id: 'a', name: { full: 'Michael Turner' }, equipment: { shipTo } },
      { id: 'b', name: { full: 'Kevin Brooks' }, equipment: { shipTo } },
      { id: 'c', name: { full: 'Olivia Bennett' } },
    ]);
    expect(links).toEqual([expect.objectContaining({ kind: 'shared-ship-to', severity: 'high', applicants: ['a', 'b'], sources: ['x.ndjson#1', 'x.ndjson#2'] })]);
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
    expect(applicants.map((x) => x.findings.map((f) => `${f.ruleId}:${f.severity}`))).toEqual([['linkage.shared-ship-to:high'], ['linkage.shared-address:low']]);
  });

  test('duplicate ids are reported on each record and never merged', async () => {
    const { applicants, links } = await run([
      { id: 'dup', name: { full: 'First Person' } },
      { id: 'dup', name: { full: 'Second Person' } },
    ]);
    expect(applicants).toHaveLength(2);
    expect(links).toEqual([expect.objectContaining({ kind: 'duplicate-id', severity: 'info', applicants: ['dup', 'dup'] })]);
    expect(applicants[0]!.warnings.map((w) => w.message)).toEqual(["applicant id 'dup' also appears at x.ndjson#2; the records are checked separately, never merged"]);
    expect(applicants.map((x) => x.level)).toEqual(['none', 'none']);
  });
});
