import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { joinSources } from '../../../src/join/join-sources.js';
import { loadPeople } from '../../../src/join/people.js';

function files(contents: Record<string, unknown>) {
  const d = mkdtempSync(join(tmpdir(), 'dprk-join-'));
  return Object.entries(contents).map(([name, v]) => {
    writeFileSync(join(d, name), typeof v === 'string' ? v : JSON.stringify(v));
    return { path: join(d, name), shown: name, dir: d };
  });
}

const okta = (alternateId: string, ip: string) => ({
  uuid: ip,
  published: '2026-11-03T02:11:00Z',
  eventType: 'user.session.start',
  actor: { id: '00u1', alternateId },
  client: { ipAddress: ip },
  outcome: { result: 'SUCCESS' },
});

describe('joining', () => {
  test('by applicant id: two exports of one person become one applicant, two names side by side', async () => {
    const f = files({
      'a.json': [{ id: 'X', name: { full: 'Jordan Miller' }, dateOfBirth: '1991-03-14' }],
      'b.json': [{ id: 'X', name: { full: 'Kim Chol Min' }, dateOfBirth: '1989-07-02' }],
    });
    const { records } = await joinSources(f, { salt: 's' });
    expect(records).toHaveLength(1);
    const v = records[0]!.value as { name: { full: string }; identity: { declared: unknown[] } };
    expect(v.name.full).toBe('Jordan Miller');
    expect(v.identity.declared).toEqual([
      { name: 'Kim Chol Min', source: 'b.json[0]' },
      { dateOfBirth: '1989-07-02', source: 'b.json[0]' },
    ]);
  });

  test('by e-mail, case-insensitively, with provenance on each fact', async () => {
    const f = files({
      'a.json': [{ id: 'X', name: { full: 'Ann Lee' }, contact: { emails: ['Ann@Example.com'] } }],
      'okta.json': [okta('ann@example.COM', '98.28.1.7')],
    });
    const { records, summary } = await joinSources(f, { salt: 's' });
    expect((records[0]!.value as { network: { sessions: Array<{ source: string }> } }).network.sessions[0]!.source).toBe('okta.json[0] (okta)');
    expect(summary.joined).toBe(2);
  });

  test('through the crosswalk; an id only the crosswalk names becomes an applicant from its sources', async () => {
    const f = files({ 'okta.json': [okta('w@acme.example', '98.28.1.7')], 'people.csv': 'id,alias\nP1,W@acme.example\n' });
    const people = await loadPeople(f[1]!.path, 'people.csv');
    const { records } = await joinSources([f[0]!], { salt: 's', people });
    expect(records.map((r) => (r.value as { id: string }).id)).toEqual(['P1']);
  });

  test('unjoined records are counted and listed; the totals add up', async () => {
    const f = files({ 'a.json': [{ id: 'X', name: { full: 'Ann Lee' } }], 'okta.json': [okta('someone@acme.example', '98.28.1.7')] });
    const { summary } = await joinSources(f, { salt: 's' });
    expect(summary.unjoinedRecords).toEqual([{ source: 'okta.json[0]', format: 'okta', who: 'someone@acme.example' }]);
    expect(summary.records).toBe(summary.joined + summary.unjoined + summary.errors);
  });

  test('an e-mail two applicants declare joins neither: an error for that record', async () => {
    const f = files({
      'a.json': [
        { id: 'X', name: { full: 'A' }, contact: { emails: ['s@x.example'] } },
        { id: 'Y', name: { full: 'B' }, contact: { emails: ['s@x.example'] } },
      ],
      'okta.json': [okta('s@x.example', '1.2.3.4')],
    });
    const { records } = await joinSources(f, { salt: 's' });
    expect(records.find((r) => r.error)?.error?.message).toMatch(/declared by 2 applicants/);
  });
});

describe('applicant records in two systems', () => {
  test('the crosswalk joins an ATS record with another id; the second name is kept side by side', async () => {
    const f = files({
      'gh.json': [{ id: '101', name: { full: 'Jordan Miller' } }],
      'lever.json': [{ id: 'lv-9', name: { full: 'Kim Chol Min' } }],
      'people.csv': 'id,alias\n101,lv-9\n',
    });
    const people = await loadPeople(f[2]!.path, 'people.csv');
    const { records } = await joinSources([f[0]!, f[1]!], { salt: 's', people });
    expect(records).toHaveLength(1);
    expect((records[0]!.value as { identity: { declared: unknown[] } }).identity.declared).toEqual([{ name: 'Kim Chol Min', source: 'lever.json[0]' }]);
  });

  test('a date that does not exist is an error for that record only', async () => {
    const f = files({
      'a.json': [{ id: 'X', name: { full: 'Ann Lee' }, contact: { emails: ['ann@x.example'] } }],
      'okta.json': [{ ...okta('ann@x.example', '1.2.3.4'), published: '2017-09-31T22:23:07.777Z' }, okta('ann@x.example', '5.6.7.8')],
    });
    const { records, summary } = await joinSources(f, { salt: 's' });
    expect(records.find((r) => r.error)?.error?.message).toMatch(/published "2017-09-31T22:23:07.777Z" is not a real date/);
    expect(summary.files[1]).toMatchObject({ records: 2, joined: 1, errors: 1 });
  });
});

describe('fairness at the door', () => {
  test('no protected value is in the joined applicant', async () => {
    const f = files({
      'a.json': [{ id: 'X', name: { full: 'Ann Lee' } }],
      'onfido.json': [
        {
          name: 'document',
          result: 'clear',
          check_id: 'c',
          applicant_id: 'X',
          breakdown: {},
          properties: { first_name: 'Ann', last_name: 'Lee', nationality: 'ZZN', gender: 'ZZG', issuing_country: 'GBR' },
        },
      ],
    });
    const { records } = await joinSources(f, { salt: 's' });
    const text = JSON.stringify(records.map((r) => r.value));
    expect(text).toContain('nameOnDocument');
    expect(text).not.toMatch(/ZZN|ZZG|nationality|gender/);
  });
});
