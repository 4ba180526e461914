import { describe, expect, test } from 'vitest';
import { enrich } from '../../../src/enrich/index.js';
import type { Applicant } from '../../../src/model/applicant.js';

const base: Applicant = { id: 'cand-1', name: { full: 'Jordan Miller' } };

describe('session facts', () => {
  test('sessions and interviews become one list with their origin', () => {
    const f = enrich({
      ...base,
      network: { sessions: [{ ip: '98.28.1.7', kind: 'application', at: '2026-10-02T15:04:05Z' }] },
      interviews: [{ at: '2026-10-09T14:00:00-04:00', kind: 'video', ip: '98.28.1.8' }],
    });
    expect(f.derived.sessions).toEqual([
      { origin: 'network.sessions[0]', at: '2026-10-02T15:04:05Z', kind: 'application', ip: '98.28.1.7', ipScope: 'public' },
      { origin: 'interviews[0]', at: '2026-10-09T14:00:00-04:00', kind: 'video', ip: '98.28.1.8', ipScope: 'public' },
    ]);
    expect(f.derived).not.toHaveProperty('observedCountries');
  });

  test('a reported country is kept and wins over IP data', () => {
    const resolver = { lookup: () => ({ country: 'CN', asn: 4134, org: 'Chinanet', hosting: false }) };
    const f = enrich({ ...base, network: { sessions: [{ ip: '98.28.1.7', country: 'US' }] } }, { ip: resolver });
    expect(f.derived.sessions).toEqual([expect.objectContaining({ country: 'US', countrySource: 'reported', asn: 4134 })]);
    expect(f.derived.observedCountries).toEqual(['US']);
  });

  test('a fake IpResolver fills country, ASN, org and hosting for public addresses', () => {
    const asked: string[] = [];
    const resolver = {
      lookup: (ip: string) => {
        asked.push(ip);
        return ip === '45.1.2.3' ? { country: 'NL', asn: 60068, org: 'Datacamp', hosting: true } : undefined;
      },
    };
    const f = enrich({ ...base, network: { sessions: [{ ip: '45.1.2.3' }, { ip: '8.8.8.8' }] } }, { ip: resolver });
    expect(f.derived.sessions).toEqual([
      expect.objectContaining({ ip: '45.1.2.3', ipScope: 'public', country: 'NL', countrySource: 'ip-data', asn: 60068, org: 'Datacamp', hosting: true }),
      { origin: 'network.sessions[1]', at: undefined, kind: undefined, ip: '8.8.8.8', ipScope: 'public' },
    ]);
    expect(f.derived.observedCountries).toEqual(['NL']);
    expect(asked).toEqual(['45.1.2.3', '8.8.8.8']);
  });

  test('private and reserved addresses get their scope, no country, and are never looked up', () => {
    const asked: string[] = [];
    const resolver = { lookup: (ip: string) => (asked.push(ip), { country: 'KP' }) };
    const f = enrich(
      { ...base, network: { sessions: [{ ip: '10.1.2.3' }, { ip: '127.0.0.1' }, { ip: 'fe80::1%eth0' }, { ip: 'garbage' }] } },
      { ip: resolver },
    );
    const sessions = f.derived.sessions as Array<Record<string, unknown>>;
    expect(sessions.map((s) => s.ipScope)).toEqual(['private', 'reserved', 'invalid', 'invalid']);
    expect(sessions.every((s) => s.country === undefined)).toBe(true);
    expect(asked).toEqual([]);
    expect(f.derived).not.toHaveProperty('observedCountries');
  });

  test('without a resolver, nothing is guessed', () => {
    const f = enrich({ ...base, network: { sessions: [{ ip: '175.45.176.1' }] } });
    expect(f.derived.sessions).toEqual([expect.not.objectContaining({ country: expect.anything() })]);
  });

  test('observed countries are distinct', () => {
    const f = enrich({
      ...base,
      network: {
        sessions: [
          { ip: '1.1.1.1', country: 'US' },
          { ip: '1.1.1.2', country: 'US' },
        ],
      },
      interviews: [{ country: 'CA' }],
    });
    expect(f.derived.observedCountries).toEqual(['US', 'CA']);
  });
});
