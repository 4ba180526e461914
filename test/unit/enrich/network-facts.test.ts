import { describe, expect, test } from 'vitest';
import { enrich } from '../../../src/enrich/index.js';
import { activityFacts } from '../../../src/enrich/activity-facts.js';
import { summariseSessions } from '../../../src/enrich/session-summary.js';
import { builtinIpResolver } from '../../../src/intel/ip-resolver.js';
import type { Applicant } from '../../../src/model/applicant.js';

const applicant = (extra: Partial<Applicant>): Applicant => ({ id: 't', name: { full: 'Test Person' }, ...extra });
const activity = (tz: string, times: string[]) =>
  activityFacts.derive(applicant({ claimedLocation: { timezone: tz }, network: { sessions: times.map((at) => ({ at, ip: '98.28.1.7' })) } }), {}).activity as
    Record<string, unknown> | undefined;

describe('activity hours in the declared time zone', () => {
  test('night is read in the declared zone, with its daylight-saving offset', () => {
    // 04:30 UTC is 00:30 in New York in October (EDT, UTC-4) and 23:30 in January (EST, UTC-5).
    expect(activity('America/New_York', ['2026-10-06T04:30:00Z'])).toMatchObject({ timed: 1, night: 1, nightShare: 1 });
    expect(activity('America/New_York', ['2026-01-06T04:30:00Z'])).toMatchObject({ night: 1 });
    expect(activity('America/New_York', ['2026-10-06T14:00:00Z'])).toMatchObject({ night: 0, nightShare: 0 });
    expect(activity('Europe/Berlin', ['2026-10-06T04:30:00Z'])).toMatchObject({ night: 0 }); // 06:30 in Berlin
  });

  test('a UTC+8/+9 working day counts only when it falls outside the day at the declared place', () => {
    // Tue 10:00 in Beijing = Mon 22:00 in New York: counts. Tue 15:00 in Berlin is not Asian working time.
    expect(activity('America/New_York', ['2026-10-06T10:00:00+08:00'])).toMatchObject({ asiaWorkday: 1 });
    expect(activity('Asia/Shanghai', ['2026-10-06T10:00:00+08:00'])).toMatchObject({ asiaWorkday: 0, night: 0 });
    expect(activity('Europe/Berlin', ['2026-10-06T15:00:00+02:00'])).toMatchObject({ asiaWorkday: 0 });
    // Saturday 10:00 in Beijing is not a working day.
    expect(activity('America/New_York', ['2026-10-10T10:00:00+08:00'])).toMatchObject({ asiaWorkday: 0 });
  });

  test('only date-times with an explicit offset count; no time zone, no facts', () => {
    expect(activity('America/New_York', ['2026-10-06', '2026-10-06T04:30:00'])).toBeUndefined();
    expect(activityFacts.derive(applicant({ network: { sessions: [{ at: '2026-10-06T04:30:00Z', ip: '1.1.1.1' }] } }), {})).toEqual({});
  });

  test('interviews are not counted (their time is set with the employer)', () => {
    const a = applicant({ claimedLocation: { timezone: 'UTC' }, interviews: [{ at: '2026-10-06T02:00:00Z' }] });
    expect(activityFacts.derive(a, {})).toEqual({});
  });
});

describe('session location summary', () => {
  const s = (country: string, at?: string) => ({ country, ...(at ? { at } : {}) });

  test('shares, most frequent first, and how many sessions sit outside the declared country', () => {
    const out = summariseSessions([s('CN'), s('CN'), s('RU'), s('US'), {}], 'US');
    expect(out.sessionLocation).toEqual({ located: 4, elsewhere: 3, elsewhereShare: 0.75 });
    expect(out.countryShares).toEqual([
      { country: 'CN', sessions: 2, share: 0.5 },
      { country: 'RU', sessions: 1, share: 0.25 },
      { country: 'US', sessions: 1, share: 0.25 },
    ]);
  });

  test('without a declared country there is nothing to be elsewhere from', () => {
    expect(summariseSessions([s('CN')], undefined).sessionLocation).toEqual({ located: 1 });
    expect(summariseSessions([{}], 'US')).toEqual({});
  });

  test('countries within any seven days use a sliding window', () => {
    const spread = summariseSessions(
      [s('US', '2026-10-01T00:00:00Z'), s('DE', '2026-10-06T00:00:00Z'), s('RU', '2026-10-09T00:00:00Z'), s('GB', '2026-10-20T00:00:00Z')],
      'US',
    );
    expect((spread.sessionLocation as Record<string, unknown>).countriesIn7Days).toBe(2);
    const tight = summariseSessions([s('US', '2026-10-01T00:00:00Z'), s('DE', '2026-10-03T00:00:00Z'), s('RU', '2026-10-07T23:00:00Z')], 'US');
    expect((tight.sessionLocation as Record<string, unknown>).countriesIn7Days).toBe(3);
  });
});

describe('sessions enriched with the bundled IP data', () => {
  const facts = enrich(
    applicant({
      claimedLocation: { country: 'US' },
      network: { sessions: [{ ip: '37.120.128.1' }, { ip: '95.141.91.195' }, { ip: '10.0.0.1' }, { ip: 'garbage' }, { ip: '73.0.0.1', country: 'CA' }] },
    }),
    { ip: builtinIpResolver() },
  );
  const sessions = facts.derived.sessions as Array<Record<string, unknown>>;

  test('hosting kind and network name are carried into derived.sessions', () => {
    expect(sessions[0]).toMatchObject({ ipScope: 'public', hosting: true, hostingKind: 'vpn', countrySource: 'ip-data' });
  });

  test('an ignored KP label leaves no country behind', () => {
    expect(sessions[1]).toMatchObject({ kpLabelIgnored: true });
    expect(sessions[1]!.country).toBeUndefined();
  });

  test('private and malformed addresses are marked, never placed; a reported country wins over IP data', () => {
    expect(sessions[2]).toMatchObject({ ipScope: 'private' });
    expect(sessions[3]).toMatchObject({ ipScope: 'invalid' });
    expect(sessions[2]!.country).toBeUndefined();
    expect(sessions[4]).toMatchObject({ country: 'CA', countrySource: 'reported' });
    expect(facts.derived.sessionLocation).toMatchObject({ located: 2, elsewhere: 2 });
  });
});
