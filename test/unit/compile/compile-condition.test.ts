import { afterAll, describe, expect, test } from 'vitest';
import { cleanupTempDirs, matcher } from '../../helpers/rule-pack.js';

afterAll(cleanupTempDirs);

const matches = (m: ReturnType<typeof matcher>, a: Record<string, unknown>) => m(a) !== null;

describe('all / any / not', () => {
  const isUS = { field: 'claimedLocation.country', equals: 'US' };
  const crypto = { field: 'payroll.method', equals: 'crypto' };

  test('all needs every condition and gathers their evidence', () => {
    const m = matcher({ all: [isUS, crypto] });
    expect(matches(m, { claimedLocation: { country: 'US' }, payroll: { method: 'bank' } })).toBe(false);
    expect(matches(m, { claimedLocation: { country: 'CA' }, payroll: { method: 'crypto' } })).toBe(false);
    const ev = m({ claimedLocation: { country: 'US' }, payroll: { method: 'crypto' } });
    expect(ev?.map((e) => e.path)).toEqual(['claimedLocation.country', 'payroll.method']);
  });

  test('any needs one condition and keeps the evidence of each that held', () => {
    const m = matcher({ any: [isUS, crypto] });
    expect(matches(m, { claimedLocation: { country: 'CA' }, payroll: { method: 'bank' } })).toBe(false);
    expect(m({ claimedLocation: { country: 'CA' }, payroll: { method: 'crypto' } })?.map((e) => e.path)).toEqual(['payroll.method']);
    expect(m({ claimedLocation: { country: 'US' }, payroll: { method: 'crypto' } })).toHaveLength(2);
  });

  test('not inverts its condition', () => {
    const m = matcher({ all: [{ field: 'payroll.method', exists: true }, { not: crypto }] });
    expect(matches(m, { payroll: { method: 'bank' } })).toBe(true);
    expect(matches(m, { payroll: { method: 'crypto' } })).toBe(false);
  });

  test('nested combinations', () => {
    const m = matcher({ any: [{ all: [isUS, crypto] }, { field: 'equipment.requestedAddressChange', equals: true }] });
    expect(matches(m, { equipment: { requestedAddressChange: true } })).toBe(true);
    expect(matches(m, { claimedLocation: { country: 'US' }, payroll: { method: 'crypto' } })).toBe(true);
    expect(matches(m, { claimedLocation: { country: 'US' }, payroll: { method: 'bank' }, equipment: { requestedAddressChange: false } })).toBe(false);
  });
});

describe('some / every scopes', () => {
  const unverifiedPassport = {
    some: 'identity.documents[]',
    where: {
      all: [
        { field: 'type', equals: 'passport' },
        { field: 'verified', equals: false },
      ],
    },
  };

  test('some: every condition must hold for one and the same element', () => {
    const m = matcher(unverifiedPassport);
    expect(matches(m, { identity: { documents: [{ type: 'passport', verified: false }] } })).toBe(true);
    // A passport that is verified and another document that is not: no single element fits.
    expect(
      matches(m, {
        identity: {
          documents: [
            { type: 'passport', verified: true },
            { type: 'drivers_license', verified: false },
          ],
        },
      }),
    ).toBe(false);
  });

  test('without a scope the same conditions are satisfied across elements (why scopes exist)', () => {
    const flat = matcher({
      all: [
        { field: 'identity.documents[].type', equals: 'passport' },
        { field: 'identity.documents[].verified', equals: false },
      ],
    });
    expect(
      matches(flat, {
        identity: {
          documents: [
            { type: 'passport', verified: true },
            { type: 'drivers_license', verified: false },
          ],
        },
      }),
    ).toBe(true);
  });

  test('evidence inside a scope carries the concrete element path', () => {
    const m = matcher(unverifiedPassport);
    const ev = m({
      identity: {
        documents: [
          { type: 'drivers_license', verified: true },
          { type: 'passport', verified: false },
        ],
      },
    });
    expect(ev?.map((e) => e.path)).toEqual(['identity.documents[1].type', 'identity.documents[1].verified']);
    expect(ev?.[0]?.pattern).toBe('identity.documents[].type');
  });

  test('every: all elements must satisfy; an empty or absent list never matches', () => {
    const m = matcher({ every: 'network.sessions[]', where: { field: 'country', notEquals: 'US' } });
    const s = (...cs: string[]) => ({ network: { sessions: cs.map((c, i) => ({ ip: `1.1.1.${i + 1}`, country: c })) } });
    expect(matches(m, s('CN', 'RU'))).toBe(true);
    expect(matches(m, s('CN', 'US'))).toBe(false);
    expect(matches(m, { network: { sessions: [] } })).toBe(false);
    expect(matches(m, {})).toBe(false);
  });

  test('$. paths inside a scope reach the applicant root', () => {
    const m = matcher({ some: 'identity.documents[]', where: { field: 'nameOnDocument', differsFrom: '$.name.full', as: 'name' } });
    expect(matches(m, { name: { full: 'Jordan Miller' }, identity: { documents: [{ nameOnDocument: 'Kevin Hart' }] } })).toBe(true);
    expect(matches(m, { name: { full: 'Jordan Miller' }, identity: { documents: [{ nameOnDocument: 'Miller, Jordan A.' }] } })).toBe(false);
  });

  test('$. in a { field } operand inside a scope', () => {
    const m = matcher({ some: 'education[]', where: { field: 'end', before: { field: '$.dateOfBirth' } } });
    expect(matches(m, { dateOfBirth: '1990-05-01', education: [{ end: '1989-06' }] })).toBe(true);
    expect(matches(m, { dateOfBirth: '1990-05-01', education: [{ end: '2012-06' }] })).toBe(false);
  });

  test('scopes nest: an inner scope walks the outer element', () => {
    const m = matcher({
      some: 'identity.documents[]',
      where: {
        all: [
          { field: 'type', equals: 'passport' },
          { some: 'anomalies[]', where: { field: '$.name.full', exists: true } },
        ],
      },
    });
    // anomalies is a list of strings; the inner where checks a root field so only presence matters.
    expect(matches(m, { identity: { documents: [{ type: 'passport', anomalies: ['photo_replaced'] }] } })).toBe(true);
    expect(matches(m, { identity: { documents: [{ type: 'passport', anomalies: [] }] } })).toBe(false);
    expect(matches(m, { identity: { documents: [{ type: 'national_id', anomalies: ['photo_replaced'] }] } })).toBe(false);
  });

  test('some over a filtered path visits only the matching elements', () => {
    const m = matcher({ some: 'contact.addresses[type=home]', where: { field: 'country', notEquals: { field: '$.claimedLocation.country' } } });
    const a = (home: string, mailing: string) => ({
      claimedLocation: { country: 'US' },
      contact: {
        addresses: [
          { type: 'mailing', line1: '1 A St', country: mailing },
          { type: 'home', line1: '2 B St', country: home },
        ],
      },
    });
    expect(matches(m, a('US', 'CA'))).toBe(false);
    expect(matches(m, a('CA', 'US'))).toBe(true);
  });
});

describe('field filters outside scopes', () => {
  test('a[type=home].b reads only elements whose key equals the value', () => {
    const m = matcher({ field: 'contact.addresses[type=home].country', notEquals: { field: 'claimedLocation.country' } });
    const base = { claimedLocation: { country: 'US' } };
    expect(
      matches(m, {
        ...base,
        contact: {
          addresses: [
            { type: 'mailing', country: 'CA' },
            { type: 'home', country: 'US' },
          ],
        },
      }),
    ).toBe(false);
    const ev = m({
      ...base,
      contact: {
        addresses: [
          { type: 'mailing', country: 'US' },
          { type: 'home', country: 'CA' },
        ],
      },
    });
    expect(ev?.map((e) => e.path)).toEqual(['contact.addresses[1].country']);
  });

  test('filters on booleans compare their text form', () => {
    const m = matcher({ field: 'identity.documents[verified=true].type', equals: 'passport' });
    expect(matches(m, { identity: { documents: [{ type: 'passport', verified: true }] } })).toBe(true);
    expect(matches(m, { identity: { documents: [{ type: 'passport', verified: false }] } })).toBe(false);
  });
});

describe('derived facts are reachable from rules', () => {
  test('derived.phones[].country and derived.ageAtApplication', () => {
    const phone = matcher({ field: 'derived.phones[].country', notEquals: { field: 'claimedLocation.country' } });
    expect(matches(phone, { claimedLocation: { country: 'US' }, contact: { phones: ['+86 138 0013 8000'] } })).toBe(true);
    expect(matches(phone, { claimedLocation: { country: 'US' }, contact: { phones: ['+1 614 555 0142'] } })).toBe(false);
    const young = matcher({ field: 'derived.ageAtApplication', lt: 18 });
    expect(matches(young, { dateOfBirth: '2010-01-01', appliedAt: '2026-01-01' })).toBe(true);
    expect(matches(young, { dateOfBirth: '1990-01-01', appliedAt: '2026-01-01' })).toBe(false);
  });
});
