import { describe, expect, test } from 'vitest';
import { derivedSchema, enrich, ENRICHERS } from '../../../src/enrich/index.js';
import type { Applicant } from '../../../src/model/applicant.js';
import type { Enricher } from '../../../src/enrich/enricher.js';

const base: Applicant = { id: 'cand-1', name: { full: 'Jordan Miller' } };

describe('enrich', () => {
  test('keeps the applicant and adds derived; a bare record derives nothing', () => {
    const f = enrich(base);
    expect(f).toEqual({ ...base, derived: {} });
  });

  test('does not modify its input', () => {
    const a: Applicant = { ...base, contact: { phones: ['+1 614 555 0142'] } };
    const copy = structuredClone(a);
    enrich(a);
    expect(a).toEqual(copy);
  });

  test('derivedSchema lists exactly what the enrichers provide', () => {
    const keys = Object.keys(derivedSchema().properties!);
    expect(keys.sort()).toEqual(ENRICHERS.flatMap((e) => Object.keys(e.provides)).sort());
    expect(keys).toEqual(expect.arrayContaining(['phones', 'emails', 'ageAtApplication', 'employmentOverlaps', 'sessions', 'observedCountries', 'payees']));
  });

  test('two enrichers providing the same key is a programming error', () => {
    const twin: Enricher = { name: 'twin', provides: { phones: { type: 'array' } }, derive: () => ({}) };
    expect(() => derivedSchema([...ENRICHERS, twin])).toThrow(/derived\.phones is provided twice/);
  });

  test('every value an enricher derives is declared in the derived schema (so rules can name it)', () => {
    const f = enrich({
      ...base,
      dateOfBirth: '1990-01-01',
      appliedAt: '2026-01-01',
      contact: { emails: ['a@b.example'], phones: ['+1 614 555 0142'] },
      employment: [{ employer: 'A', start: '2020-01' }, { employer: 'B', start: '2021-01' }],
      network: { sessions: [{ ip: '8.8.8.8', country: 'US' }] },
      payroll: { bank: { holderName: 'J', country: 'US' } },
    });
    const declared = derivedSchema().properties!;
    for (const k of Object.keys(f.derived)) expect(declared, k).toHaveProperty(k);
    for (const [k, v] of Object.entries(f.derived)) {
      if (!Array.isArray(v)) continue;
      const itemProps = Object.keys((declared[k]!.items as { properties?: object })?.properties ?? {});
      for (const el of v) if (typeof el === 'object' && el) for (const p of Object.keys(el)) expect(itemProps, `derived.${k}[].${p}`).toContain(p);
    }
  });
});

describe('contact facts', () => {
  test('phones get country, type and E.164', () => {
    const f = enrich({ ...base, contact: { phones: ['+86 138 0013 8000', '+44 56 1234 5678', '+1 614 555 0142'] } });
    expect(f.derived.phones).toEqual([
      expect.objectContaining({ raw: '+86 138 0013 8000', country: 'CN', type: 'mobile', valid: true, e164: '+8613800138000' }),
      expect.objectContaining({ country: 'GB', type: 'voip' }),
      expect.objectContaining({ country: 'US' }),
    ]);
  });

  test('numbers without + are read in the declared country', () => {
    const f = enrich({ ...base, claimedLocation: { country: 'GB' }, contact: { phones: ['020 7946 0958'] } });
    expect(f.derived.phones).toEqual([expect.objectContaining({ country: 'GB', e164: '+442079460958' })]);
  });

  test('emails are split into local part and lower-cased domain', () => {
    const f = enrich({ ...base, contact: { emails: ['Jordan.Miller@Example.COM', 'a@b@mail.example'] } });
    expect(f.derived.emails).toEqual([
      { address: 'Jordan.Miller@Example.COM', local: 'Jordan.Miller', domain: 'example.com' },
      { address: 'a@b@mail.example', local: 'a@b', domain: 'mail.example' },
    ]);
  });

  test('no phones or emails: nothing derived', () => {
    expect(enrich({ ...base, contact: { phones: [], emails: [] } }).derived).toEqual({});
  });
});

describe('timeline facts', () => {
  test('ageAtApplication in whole years, birthday counted', () => {
    expect(enrich({ ...base, dateOfBirth: '1991-03-14', appliedAt: '2026-03-13' }).derived.ageAtApplication).toBe(34);
    expect(enrich({ ...base, dateOfBirth: '1991-03-14', appliedAt: '2026-03-14T09:00:00Z' }).derived.ageAtApplication).toBe(35);
    expect(enrich({ ...base, dateOfBirth: '1991-03-14' }).derived).not.toHaveProperty('ageAtApplication');
  });

  const overlaps = (employment: Applicant['employment'], appliedAt?: string) =>
    enrich({ ...base, employment, ...(appliedAt ? { appliedAt } : {}) }).derived.employmentOverlaps as Array<{ first: string; second: string; overlapDays: number }> | undefined;

  test('two full-time jobs overlapping by more than three months', () => {
    const o = overlaps([
      { employer: 'Acme', start: '2020-01-01', end: '2021-12-31' },
      { employer: 'Globex', start: '2021-06-01', end: '2023-01-01', type: 'full_time' },
    ]);
    expect(o).toHaveLength(1);
    expect(o![0]!.first).toContain('employment[0] Acme');
    expect(o![0]!.second).toContain('employment[1] Globex');
    expect(o![0]!.overlapDays).toBe(213);
  });

  test('part-time, contract, freelance and internship jobs may overlap', () => {
    for (const type of ['part_time', 'contract', 'freelance', 'internship'] as const) {
      expect(overlaps([
        { employer: 'Acme', start: '2020-01-01', end: '2022-01-01' },
        { employer: 'Side', start: '2020-06-01', end: '2021-06-01', type },
      ]), type).toBeUndefined();
    }
  });

  test('a short notice-period overlap is not two jobs at once', () => {
    expect(overlaps([
      { employer: 'Acme', start: '2018-01-01', end: '2021-03-15' },
      { employer: 'Globex', start: '2021-01-01' , end: '2024-01-01' },
    ])).toBeUndefined();
  });

  test('a job without an end runs until the application date', () => {
    const jobs = [
      { employer: 'Acme', start: '2024-01-01' },
      { employer: 'Globex', start: '2025-01-01' },
    ];
    expect(overlaps(jobs, '2026-01-01')).toHaveLength(1);
    expect(overlaps(jobs)).toBeUndefined(); // no end and no application date: cannot tell
  });

  test('jobs one after the other do not overlap', () => {
    expect(overlaps([
      { employer: 'Acme', start: '2015-01', end: '2019-12' },
      { employer: 'Globex', start: '2020-01', end: '2024-01' },
    ])).toBeUndefined();
  });
});

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
    const f = enrich({ ...base, network: { sessions: [{ ip: '10.1.2.3' }, { ip: '127.0.0.1' }, { ip: 'fe80::1%eth0' }, { ip: 'garbage' }] } }, { ip: resolver });
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
    const f = enrich({ ...base, network: { sessions: [{ ip: '1.1.1.1', country: 'US' }, { ip: '1.1.1.2', country: 'US' }] }, interviews: [{ country: 'CA' }] });
    expect(f.derived.observedCountries).toEqual(['US', 'CA']);
  });
});

describe('payee facts', () => {
  test('the current bank account and every change', () => {
    const f = enrich({
      ...base,
      payroll: {
        bank: { holderName: 'Jordan Miller', country: 'US' },
        changes: [{ at: '2026-11-20', holderName: 'Li Wei', country: 'CN' }, { at: '2026-12-01', method: 'crypto' }],
      },
    });
    expect(f.derived.payees).toEqual([
      { origin: 'payroll.bank', holderName: 'Jordan Miller', country: 'US' },
      { origin: 'payroll.changes[0]', holderName: 'Li Wei', country: 'CN' },
    ]);
  });

  test('no payee with neither holder nor country; null bank is fine', () => {
    expect(enrich({ ...base, payroll: { bank: null, method: 'crypto' } }).derived).not.toHaveProperty('payees');
    expect(enrich({ ...base, payroll: { bank: { bankName: 'X' } } }).derived).not.toHaveProperty('payees');
  });
});
