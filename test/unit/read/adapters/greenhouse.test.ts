import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fromGreenhouse } from '../../../../src/read/adapters/greenhouse.js';
import { validateApplicant } from '../../../../src/validate/validate-applicant.js';

const candidates = JSON.parse(readFileSync(new URL('../../../../fixtures/ats/greenhouse-candidates.json', import.meta.url), 'utf8')) as Array<
  Record<string, unknown>
>;

describe('Greenhouse Harvest candidate → applicant', () => {
  test('every sample maps to a valid applicant record', () => {
    for (const c of candidates) {
      const { applicant } = fromGreenhouse(c);
      expect(validateApplicant(applicant).errors).toEqual([]);
    }
  });

  test('names, contact details, location, history and profiles are carried over', () => {
    const { applicant } = fromGreenhouse(candidates[0]!);
    expect(applicant).toMatchObject({
      id: '53883394',
      name: { full: 'Daniel Foster', given: 'Daniel', family: 'Foster' },
      appliedAt: '2026-09-02T12:03:02.728Z',
      role: { title: 'Senior Backend Engineer (Remote)' },
      claimedLocation: { country: 'US', region: 'Texas', city: 'Austin' },
      contact: {
        emails: ['daniel.foster@example.com', 'dfoster@brightline.example'],
        phones: ['+1 (512) 555-0177'],
        addresses: [{ type: 'home', line1: '4410 Speedway', city: 'Austin', region: 'TX', postalCode: '78751', country: 'US' }],
      },
      education: [{ institution: 'University of Texas at Austin', field: 'Computer Science', start: '2010-08-15', end: '2014-05-15' }],
      employment: [
        { employer: 'Brightline Analytics', title: 'Senior Software Engineer', start: '2019-03-01' },
        { employer: 'Lone Star Logistics', end: '2019-02-15' },
      ],
      source: { system: 'greenhouse' },
    });
    const networks = (applicant.profiles as Array<{ network: string }>).map((p) => p.network);
    expect(networks).toEqual(['website', 'github', 'linkedin']);
  });

  test('the mapping report names what could not be carried over', () => {
    const { unmapped } = fromGreenhouse(candidates[0]!);
    expect(unmapped).toEqual([
      'phone_numbers[1]: a Skype handle, not a phone number',
      'addresses[0]: country taken as US from the state and ZIP code',
      'applications[].answers: 1 free-text answer not mapped',
      expect.stringMatching(/^attachments: résumé file not read/),
      'custom_fields: desired_salary, work_remotely kept under extra.greenhouse (never scored)',
    ]);
    expect(fromGreenhouse(candidates[2]!).unmapped).toContain('legacy_ats_ref: not a Greenhouse candidate field this adapter knows');
  });

  test('an address that cannot be split keeps its whole text, so it can still be linked', () => {
    const { applicant, unmapped } = fromGreenhouse(candidates[2]!);
    expect(applicant.contact).toMatchObject({ addresses: [{ type: 'home', line1: 'Flat 3, 21 Canal Street, Manchester' }] });
    expect(unmapped).toContain('addresses[0]: kept as one line (could not split street, city and postal code)');
  });

  test('"Atlanta, Georgia" is not read as the country Georgia', () => {
    const { applicant, unmapped } = fromGreenhouse({ id: 1, first_name: 'A', last_name: 'B', applications: [{ location: { address: 'Atlanta, Georgia' } }] });
    expect(applicant.claimedLocation).toEqual({ region: 'Georgia', city: 'Atlanta' });
    expect(unmapped[0]).toMatch(/no country recognised/);
  });
});
