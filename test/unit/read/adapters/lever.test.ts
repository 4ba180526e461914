import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fromLever } from '../../../../src/read/adapters/lever.js';
import { adaptRecord, detectFormat } from '../../../../src/read/adapters/index.js';
import { validateApplicant } from '../../../../src/validate/validate-applicant.js';

const opportunities = JSON.parse(readFileSync(new URL('../../../../fixtures/ats/lever-opportunities.json', import.meta.url), 'utf8')) as Array<
  Record<string, unknown>
>;
const greenhouse = JSON.parse(readFileSync(new URL('../../../../fixtures/ats/greenhouse-candidates.json', import.meta.url), 'utf8')) as Array<
  Record<string, unknown>
>;

describe('Lever opportunity → applicant', () => {
  test('every sample maps to a valid applicant record', () => {
    for (const o of opportunities) expect(validateApplicant(fromLever(o).applicant).errors).toEqual([]);
  });

  test('epoch-millisecond timestamps, phones, location and links are carried over', () => {
    const { applicant } = fromLever(opportunities[0]!);
    expect(applicant).toMatchObject({
      id: '250d8f03-738a-4bba-a671-8a3d73477145',
      name: { full: 'Shane Smith' },
      appliedAt: new Date(1788998400000).toISOString(),
      claimedLocation: { country: 'US', region: 'California', city: 'Oakland' },
      contact: { emails: ['shane.smith@example.com'], phones: ['(510) 555-0133'] },
      profiles: [{ network: 'indeed' }, { network: 'linkedin' }],
    });
  });

  test('the headline becomes employers (a comma inside "Industries, Inc" is not a split), reported as undated', () => {
    const { applicant, unmapped } = fromLever(opportunities[0]!);
    expect(applicant.employment).toEqual([{ employer: 'Brickly LLC' }, { employer: 'Vandelay Industries, Inc' }, { employer: 'Central Perk' }]);
    expect(unmapped).toEqual(['headline: employers taken from the headline have no dates (timeline checks cannot run)']);
  });

  test('résumé parsedData gives dated positions and schools instead of the headline', () => {
    const { applicant, unmapped } = fromLever(opportunities[1]!);
    expect(applicant.employment).toEqual([
      { employer: 'Summit Digital Solutions', title: 'Full Stack Developer', start: '2021-01' },
      { employer: 'Cactus Cloud LLC', title: 'Web Developer', start: '2018-06', end: '2020-12' },
    ]);
    expect(applicant.education).toEqual([{ institution: 'Arizona State University', degree: 'BS', field: 'Software Engineering', start: '2014', end: '2018' }]);
    expect(applicant.claimedLocation).toEqual({ country: 'US', region: 'AZ', city: 'Phoenix' });
    expect(unmapped).toEqual([]);
  });

  test('an anonymised opportunity is flagged in the mapping report', () => {
    expect(fromLever(opportunities[2]!).unmapped).toContain("isAnonymized: Lever removed this candidate's personal data; most checks cannot run");
  });
});

describe('--input-format auto', () => {
  test('tells the applicant model, Greenhouse and Lever apart', () => {
    expect(detectFormat({ id: 'x', name: { full: 'X' } })).toBe('applicant');
    expect(greenhouse.map(detectFormat)).toEqual(['greenhouse', 'greenhouse', 'greenhouse']);
    expect(opportunities.map(detectFormat)).toEqual(['lever', 'lever', 'lever']);
  });

  test('an explicit format is applied even when the record would not be detected', () => {
    const r = adaptRecord({ id: 'x', name: 'Y Z' }, 'lever', { file: 'f.json' });
    expect(r).toMatchObject({ system: 'lever', value: { id: 'x', name: { full: 'Y Z' } } });
    expect(adaptRecord({ id: 'x', name: 'Y Z' }, 'auto', { file: 'f.json' }).system).toBeUndefined();
  });

  test('mapping problems become positioned warnings', () => {
    const r = adaptRecord(opportunities[2], 'auto', { file: 'lever.ndjson', line: 3 });
    expect(r.warnings[0]).toMatchObject({
      code: 'input-unmapped',
      severity: 'warning',
      file: 'lever.ndjson',
      line: 3,
      message: expect.stringMatching(/^lever: isAnonymized/),
    });
  });
});
