import { afterAll, describe, expect, test } from 'vitest';
import { cleanupTempDirs, matcher } from '../../helpers/rule-pack.js';

afterAll(cleanupTempDirs);

// Every operator is exercised through the real loader and compiler (a one-rule pack in a temp dir),
// so these tests also prove the operator is reachable from YAML.

const matches = (m: ReturnType<typeof matcher>, a: Record<string, unknown>) => m(a) !== null;

describe('exists', () => {
  const present = matcher({ field: 'dateOfBirth', exists: true });
  // exists: false inside a scope: a rule whose only field is absent has no data to run on at all.
  const absent = matcher({ some: 'identity.documents[]', where: { field: 'verified', exists: false } });

  test('exists: true matches a present value and not an absent one', () => {
    expect(matches(present, { dateOfBirth: '1990-01-01' })).toBe(true);
    expect(matches(present, {})).toBe(false);
  });

  test('exists: false matches only absent data', () => {
    expect(matches(absent, { identity: { documents: [{ type: 'passport' }] } })).toBe(true);
    expect(matches(absent, { identity: { documents: [{ type: 'passport', verified: false }] } })).toBe(false);
  });

  test('a rule reading only absent fields is not run at all (reported as not evaluated)', () => {
    const only = matcher({ field: 'dateOfBirth', exists: false });
    expect(matches(only, {})).toBe(false);
  });

  test('an empty list counts as absent', () => {
    const phones = matcher({ field: 'contact.phones[]', exists: true });
    expect(matches(phones, { contact: { phones: [] } })).toBe(false);
    expect(matches(phones, { contact: { phones: ['+1 614 555 0142'] } })).toBe(true);
  });

  test('evidence names the concrete path and value', () => {
    const m = matcher({ field: 'contact.emails[]', exists: true });
    expect(m({ contact: { emails: ['a@example.com', 'b@example.com'] } })).toEqual([
      expect.objectContaining({ path: 'contact.emails[0]', value: 'a@example.com' }),
      expect.objectContaining({ path: 'contact.emails[1]', value: 'b@example.com' }),
    ]);
  });
});

describe('equals / notEquals', () => {
  const eq = matcher({ field: 'claimedLocation.country', equals: 'US' });
  const ne = matcher({ field: 'claimedLocation.country', notEquals: 'US' });

  test('equals matches the same value and not another', () => {
    expect(matches(eq, { claimedLocation: { country: 'US' } })).toBe(true);
    expect(matches(eq, { claimedLocation: { country: 'CA' } })).toBe(false);
  });

  test('notEquals matches another value and not the same', () => {
    expect(matches(ne, { claimedLocation: { country: 'CA' } })).toBe(true);
    expect(matches(ne, { claimedLocation: { country: 'US' } })).toBe(false);
  });

  test('absent data never matches, not even notEquals', () => {
    expect(matches(eq, {})).toBe(false);
    expect(matches(ne, {})).toBe(false);
    expect(matches(ne, { claimedLocation: { city: 'Columbus' } })).toBe(false);
  });

  test('the default comparison folds case and diacritics; as: exact does not', () => {
    const text = matcher({ field: 'employment[].employer', equals: 'acme logistiçs' });
    const exact = matcher({ field: 'employment[].employer', equals: 'acme logistiçs', as: 'exact' });
    const a = { employment: [{ employer: 'ACME Logistics' }] };
    expect(matches(text, a)).toBe(true);
    expect(matches(exact, a)).toBe(false);
    expect(matches(exact, { employment: [{ employer: 'acme logistiçs' }] })).toBe(true);
  });

  test('booleans and numbers compare with literals', () => {
    const unverified = matcher({ field: 'identity.documents[].verified', equals: false });
    expect(matches(unverified, { identity: { documents: [{ verified: false }] } })).toBe(true);
    expect(matches(unverified, { identity: { documents: [{ verified: true }] } })).toBe(false);
    const zero = matcher({ field: 'profiles[].connections', equals: 0 });
    expect(matches(zero, { profiles: [{ connections: 0 }] })).toBe(true);
    expect(matches(zero, { profiles: [{ connections: 10 }] })).toBe(false);
  });

  test('a { field: path } operand compares two fields of the record', () => {
    const m = matcher({ field: 'identity.documents[].issuingCountry', notEquals: { field: 'claimedLocation.country' } });
    expect(matches(m, { claimedLocation: { country: 'US' }, identity: { documents: [{ issuingCountry: 'GB' }] } })).toBe(true);
    expect(matches(m, { claimedLocation: { country: 'US' }, identity: { documents: [{ issuingCountry: 'US' }] } })).toBe(false);
    // The referenced field is absent: nothing to compare against, so no finding.
    expect(matches(m, { identity: { documents: [{ issuingCountry: 'GB' }] } })).toBe(false);
  });

  test('as: country ignores case, as: email ignores case and spaces', () => {
    const country = matcher({ field: 'payroll.bank.country', equals: { field: 'claimedLocation.country' }, as: 'country' });
    expect(matches(country, { claimedLocation: { country: 'US' }, payroll: { bank: { country: 'US' } } })).toBe(true);
    expect(matches(country, { claimedLocation: { country: 'US' }, payroll: { bank: { country: 'CA' } } })).toBe(false);
    const email = matcher({ field: 'references[].email', equals: { field: 'contact.emails[]' }, as: 'email' });
    expect(matches(email, { contact: { emails: ['Jordan@Example.com'] }, references: [{ email: 'jordan@example.COM' }] })).toBe(true);
    expect(matches(email, { contact: { emails: ['jordan@example.com'] }, references: [{ email: 'pat@example.com' }] })).toBe(false);
  });
});

describe('in / notIn', () => {
  const inList = matcher({ field: 'payroll.method', in: ['crypto', 'other'] });
  const notIn = matcher({ field: 'claimedLocation.country', notIn: ['US', 'CA'] });

  test('in matches a listed value and not another', () => {
    expect(matches(inList, { payroll: { method: 'crypto' } })).toBe(true);
    expect(matches(inList, { payroll: { method: 'bank' } })).toBe(false);
  });

  test('notIn matches an unlisted value and not a listed one', () => {
    expect(matches(notIn, { claimedLocation: { country: 'GB' } })).toBe(true);
    expect(matches(notIn, { claimedLocation: { country: 'CA' } })).toBe(false);
  });

  test('absent data never matches in or notIn', () => {
    expect(matches(inList, {})).toBe(false);
    expect(matches(notIn, {})).toBe(false);
  });

  test('{ list: id } operands match entries and their aliases, and say which entry', () => {
    const lists = {
      'test-firms': {
        kind: 'company',
        entries: [{ value: 'Yanbian Silverstar Network Technology', aliases: ['Silver Star'], source: { title: 'Test source', date: '2018-09-13' } }],
      },
    };
    const m = matcher({ field: 'employment[].employer', in: { list: 'test-firms' }, as: 'company' }, lists);
    const ev = m({ employment: [{ employer: 'Acme Inc.' }, { employer: 'SilverStar Co., Ltd.' }] });
    expect(ev).toHaveLength(1);
    expect(ev![0]!.path).toBe('employment[1].employer');
    expect(ev![0]!.note).toContain('Yanbian Silverstar Network Technology');
    expect(ev![0]!.note).toContain('Test source');
    expect(matches(m, { employment: [{ employer: 'Acme Inc.' }] })).toBe(false);
    const notIn = matcher({ field: 'employment[].employer', notIn: { list: 'test-firms' }, as: 'company' }, lists);
    expect(matches(notIn, { employment: [{ employer: 'Acme Inc.' }] })).toBe(true);
    expect(matches(notIn, { employment: [{ employer: 'Silver Star' }] })).toBe(false);
  });
});

describe('contains / startsWith / endsWith', () => {
  test('a value longer than the 4,096 characters read: endsWith reads its end, contains no whole word at the cut', () => {
    const long = (tail: string) => `${'word '.repeat(1000)}${tail}`;
    const ends = matcher({ field: 'resume.text', endsWith: 'anydesk' });
    expect(matches(ends, { resume: { text: long('uses anydesk') } })).toBe(true);
    // The first 4,096 characters end with "anydesk", but the value goes on.
    const cutAtWord = `${'x'.repeat(4089)}anydesk and more text after it`;
    expect(matches(ends, { resume: { text: cutAtWord } })).toBe(false);
    const word = matcher({ field: 'resume.text', contains: 'anydesk' });
    expect(matches(word, { resume: { text: `${'x'.repeat(4088)} anydeskish words` } })).toBe(false);
    expect(matches(word, { resume: { text: `uses anydesk ${'x'.repeat(5000)}` } })).toBe(true);
  });

  test('contains folds case by default; as: exact does not', () => {
    const m = matcher({ field: 'resume.text', contains: 'anydesk' });
    const exact = matcher({ field: 'resume.text', contains: 'anydesk', as: 'exact' });
    expect(matches(m, { resume: { text: 'I use AnyDesk daily' } })).toBe(true);
    expect(matches(exact, { resume: { text: 'I use AnyDesk daily' } })).toBe(false);
    expect(matches(m, { resume: { text: 'I use TeamViewer' } })).toBe(false);
    expect(matches(m, {})).toBe(false);
  });

  test('a list of needles matches any of them', () => {
    const m = matcher({ field: 'network.remoteAccessTools[]', contains: ['pikvm', 'tinypilot'] });
    expect(matches(m, { network: { remoteAccessTools: ['TinyPilot Voyager 2'] } })).toBe(true);
    expect(matches(m, { network: { remoteAccessTools: ['Zoom'] } })).toBe(false);
  });

  test('startsWith and endsWith look only at the ends', () => {
    const starts = matcher({ field: 'contact.emails[]', startsWith: 'hr.' });
    const ends = matcher({ field: 'contact.emails[]', endsWith: '@mail.example' });
    expect(matches(starts, { contact: { emails: ['hr.team@example.com'] } })).toBe(true);
    expect(matches(starts, { contact: { emails: ['team.hr.@example.com'] } })).toBe(false);
    expect(matches(ends, { contact: { emails: ['x@mail.example'] } })).toBe(true);
    expect(matches(ends, { contact: { emails: ['x@mail.example.com'] } })).toBe(false);
  });

  test('text operators take { list: id }', () => {
    const m = matcher(
      { field: 'network.remoteAccessTools[]', contains: { list: 'tools' } },
      { tools: { kind: 'text', entries: ['anydesk', { value: 'pikvm', aliases: ['pi-kvm'] }] } },
    );
    expect(matches(m, { network: { remoteAccessTools: ['Pi-KVM v4'] } })).toBe(true);
    expect(matches(m, { network: { remoteAccessTools: ['Slack'] } })).toBe(false);
  });

  test('non-string values never match a text operator', () => {
    const m = matcher({ field: 'profiles[].connections', contains: '1' });
    expect(matches(m, { profiles: [{ connections: 1 }] })).toBe(false);
  });
});

describe('regex', () => {
  test('matches case-insensitively by default and case-sensitively with as: exact', () => {
    const m = matcher({ field: 'network.remoteAccessTools[]', regex: '^anydesk$' });
    const exact = matcher({ field: 'network.remoteAccessTools[]', regex: '^anydesk$', as: 'exact' });
    expect(matches(m, { network: { remoteAccessTools: ['AnyDesk'] } })).toBe(true);
    expect(matches(exact, { network: { remoteAccessTools: ['AnyDesk'] } })).toBe(false);
    expect(matches(m, { network: { remoteAccessTools: ['AnyDesk Pro'] } })).toBe(false);
    expect(matches(m, {})).toBe(false);
  });

  test('the evidence note shows the pattern', () => {
    const m = matcher({ field: 'resume.text', regex: '\\b(pikvm|tinypilot)\\b' });
    const ev = m({ resume: { text: 'set up a tinypilot at home' } });
    expect(ev?.[0]?.note).toBe('matches /\\b(pikvm|tinypilot)\\b/');
    expect(m({ resume: { text: 'set up a tinypilots at home' } })).toBeNull();
  });
});

describe('gt / gte / lt / lte', () => {
  const cases: Array<[string, number, number[], number[]]> = [
    ['lt', 50, [49, 0], [50, 51]],
    ['lte', 50, [50, 49], [51]],
    ['gt', 50, [51], [50, 49]],
    ['gte', 50, [50, 51], [49]],
  ];
  for (const [op, bound, yes, no] of cases) {
    test(`${op} ${bound}`, () => {
      const m = matcher({ field: 'profiles[].connections', [op]: bound });
      for (const v of yes) expect(matches(m, { profiles: [{ connections: v }] }), `${v} ${op} ${bound}`).toBe(true);
      for (const v of no) expect(matches(m, { profiles: [{ connections: v }] }), `${v} ${op} ${bound}`).toBe(false);
      expect(matches(m, { profiles: [{ followers: 3 }] })).toBe(false);
    });
  }

  test('a { field: path } operand compares with another number in the same element', () => {
    const m = matcher({ some: 'profiles[]', where: { field: 'followers', gt: { field: 'connections' } } });
    expect(matches(m, { profiles: [{ followers: 10, connections: 5 }] })).toBe(true);
    expect(matches(m, { profiles: [{ followers: 5, connections: 10 }] })).toBe(false);
    // Two profiles: the comparison stays within one element, not across them.
    expect(
      matches(m, {
        profiles: [
          { followers: 10, connections: 50 },
          { followers: 1, connections: 5 },
        ],
      }),
    ).toBe(false);
  });
});

describe('before / after', () => {
  test('compare with a literal date, partial dates standing for their first day', () => {
    const before = matcher({ field: 'education[].end', before: '2010-06' });
    const after = matcher({ field: 'education[].end', after: '2010-06' });
    expect(matches(before, { education: [{ end: '2010-05-31' }] })).toBe(true);
    expect(matches(before, { education: [{ end: '2010-06-01' }] })).toBe(false);
    expect(matches(after, { education: [{ end: '2010-06-02' }] })).toBe(true);
    expect(matches(after, { education: [{ end: '2010-06' }] })).toBe(false);
    expect(matches(before, {})).toBe(false);
  });

  test('compare with another field', () => {
    const m = matcher({ field: 'appliedAt', before: { field: 'dateOfBirth' } });
    expect(matches(m, { dateOfBirth: '1990-01-01', appliedAt: '1989-12-31' })).toBe(true);
    expect(matches(m, { dateOfBirth: '1990-01-01', appliedAt: '2026-01-01' })).toBe(false);
    expect(matches(m, { appliedAt: '1989-12-31' })).toBe(false);
  });

  test('date-times with offsets are compared as instants', () => {
    const m = matcher({ field: 'appliedAt', after: '2026-10-02T12:00:00Z' });
    expect(matches(m, { appliedAt: '2026-10-02T08:30:00-04:00' })).toBe(true); // 12:30Z
    expect(matches(m, { appliedAt: '2026-10-02T13:30:00+02:00' })).toBe(false); // 11:30Z
  });
});

describe('within', () => {
  const profileNear = (direction: string) => matcher({ field: 'profiles[].createdAt', within: { days: 30, of: { field: 'appliedAt' }, direction } });

  test('direction before: only dates up to N days before the reference', () => {
    const m = profileNear('before');
    expect(matches(m, { appliedAt: '2026-10-02', profiles: [{ createdAt: '2026-09-20' }] })).toBe(true);
    expect(matches(m, { appliedAt: '2026-10-02', profiles: [{ createdAt: '2026-08-01' }] })).toBe(false);
    expect(matches(m, { appliedAt: '2026-10-02', profiles: [{ createdAt: '2026-10-10' }] })).toBe(false);
  });

  test('direction after: only dates up to N days after', () => {
    const m = profileNear('after');
    expect(matches(m, { appliedAt: '2026-10-02', profiles: [{ createdAt: '2026-10-10' }] })).toBe(true);
    expect(matches(m, { appliedAt: '2026-10-02', profiles: [{ createdAt: '2026-09-20' }] })).toBe(false);
  });

  test('direction either (the default) on both sides, boundary included', () => {
    const m = matcher({ field: 'profiles[].createdAt', within: { days: 30, of: { field: 'appliedAt' } } });
    expect(matches(m, { appliedAt: '2026-10-02', profiles: [{ createdAt: '2026-09-20' }] })).toBe(true);
    expect(matches(m, { appliedAt: '2026-10-02', profiles: [{ createdAt: '2026-11-01' }] })).toBe(true);
    expect(matches(m, { appliedAt: '2026-10-02', profiles: [{ createdAt: '2026-11-02' }] })).toBe(false);
  });

  test('a literal reference date works and absent data never matches', () => {
    const m = matcher({ field: 'payroll.changes[].at', within: { days: 7, of: '2026-11-01', direction: 'after' } });
    expect(matches(m, { payroll: { changes: [{ at: '2026-11-05' }] } })).toBe(true);
    expect(matches(m, { payroll: { changes: [{ at: '2026-12-05' }] } })).toBe(false);
    expect(matches(profileNear('either'), { profiles: [{ createdAt: '2026-09-20' }] })).toBe(false);
  });
});

describe('ageAt', () => {
  const m = matcher({ field: 'dateOfBirth', ageAt: { at: { field: 'education[].end' }, lt: 16 } });

  test('counts whole years, turning a year older on the birthday', () => {
    expect(matches(m, { dateOfBirth: '2000-06-15', education: [{ end: '2016-06-14' }] })).toBe(true); // 15
    expect(matches(m, { dateOfBirth: '2000-06-15', education: [{ end: '2016-06-15' }] })).toBe(false); // 16
  });

  test('absent birth date or reference never matches', () => {
    expect(matches(m, { education: [{ end: '2001-01-01' }] })).toBe(false);
    expect(matches(m, { dateOfBirth: '2000-06-15' })).toBe(false);
  });

  test('gte with a literal date', () => {
    const old = matcher({ field: 'dateOfBirth', ageAt: { at: '2026-01-01', gte: 100 } });
    expect(matches(old, { dateOfBirth: '1925-12-31' })).toBe(true);
    expect(matches(old, { dateOfBirth: '1926-01-02' })).toBe(false);
  });

  test('the evidence note gives the age', () => {
    expect(m({ dateOfBirth: '2000-06-15', education: [{ end: '2014-05' }] })?.[0]?.note).toContain('age 13');
  });
});

describe('cidr', () => {
  test('matches addresses inside listed ranges, v4 and v6', () => {
    const m = matcher({ field: 'network.sessions[].ip', cidr: ['175.45.176.0/22', '2001:db8:1::/48'] });
    expect(matches(m, { network: { sessions: [{ ip: '175.45.178.9' }] } })).toBe(true);
    expect(matches(m, { network: { sessions: [{ ip: '175.45.180.1' }] } })).toBe(false);
    expect(matches(m, { network: { sessions: [{ ip: '2001:db8:1:ff::2' }] } })).toBe(true);
    expect(matches(m, { network: { sessions: [{ ip: '2001:db8:2::1' }] } })).toBe(false);
  });

  test('v4-mapped v6 addresses are checked as v4; garbage never matches', () => {
    const m = matcher({ field: 'network.sessions[].ip', cidr: ['175.45.176.0/22'] });
    expect(matches(m, { network: { sessions: [{ ip: '::ffff:175.45.177.1' }] } })).toBe(true);
    expect(matches(m, { network: { sessions: [{ ip: 'not-an-ip' }] } })).toBe(false);
    expect(matches(m, { network: { sessions: [{ ip: '175.45.176.1/24' }] } })).toBe(false);
    expect(matches(m, {})).toBe(false);
  });

  test('takes a cidr list', () => {
    const m = matcher({ field: 'interviews[].ip', cidr: { list: 'ranges' } }, { ranges: { kind: 'cidr', entries: ['175.45.176.0/22'] } });
    expect(m({ interviews: [{ ip: '175.45.176.1' }] })?.[0]?.note).toContain('175.45.176.0/22');
    expect(matches(m, { interviews: [{ ip: '8.8.8.8' }] })).toBe(false);
  });
});

describe('sameAs / differsFrom', () => {
  test("sameAs as: phone finds a reference whose phone is the applicant's own, however written", () => {
    const m = matcher({ field: 'references[].phone', sameAs: 'contact.phones[]', as: 'phone' });
    expect(matches(m, { contact: { phones: ['+1 614 555 0142'] }, references: [{ phone: '+1 (614) 555-0142' }] })).toBe(true);
    expect(matches(m, { contact: { phones: ['+1 614 555 0142'] }, references: [{ phone: '+1 614 555 0199' }] })).toBe(false);
    expect(matches(m, { references: [{ phone: '+1 614 555 0199' }] })).toBe(false);
  });

  test('differsFrom as: name ignores order, case and middle names but not different people', () => {
    const m = matcher({ field: 'payroll.bank.holderName', differsFrom: 'name.full', as: 'name' });
    expect(matches(m, { name: { full: 'Jordan A. Miller' }, payroll: { bank: { holderName: 'MILLER JORDAN' } } })).toBe(false);
    expect(matches(m, { name: { full: 'Jordan A. Miller' }, payroll: { bank: { holderName: 'Kevin Hart' } } })).toBe(true);
  });

  test('differsFrom with several targets fires only when it matches none of them', () => {
    const m = matcher({ field: 'payroll.bank.holderName', differsFrom: ['name.full', 'name.aliases[]'], as: 'name' });
    const base = { name: { full: 'Bob Smith', aliases: ['Robert Smith'] } };
    expect(matches(m, { ...base, payroll: { bank: { holderName: 'Robert Smith' } } })).toBe(false);
    expect(matches(m, { ...base, payroll: { bank: { holderName: 'Alice Jones' } } })).toBe(true);
  });

  test('differsFrom never fires when nothing could be compared (absent target, other script)', () => {
    const m = matcher({ field: 'payroll.bank.holderName', differsFrom: 'name.aliases[]', as: 'name' });
    expect(matches(m, { payroll: { bank: { holderName: 'Kevin Hart' } } })).toBe(false);
    const script = matcher({ field: 'payroll.bank.holderName', differsFrom: 'name.full', as: 'name' });
    expect(matches(script, { name: { full: 'Kim Ji-ho' }, payroll: { bank: { holderName: '김지호' } } })).toBe(false);
  });

  test('as: address compares normalised addresses', () => {
    const m = matcher({ field: 'equipment.shipTo', differsFrom: 'contact.addresses[type=home]', as: 'address' });
    const home = { type: 'home', line1: '12 Elm Street', city: 'Columbus', postalCode: '43004', country: 'US' };
    expect(matches(m, { contact: { addresses: [home] }, equipment: { shipTo: { line1: '12 Elm St.', postalCode: '43004', country: 'US' } } })).toBe(false);
    expect(matches(m, { contact: { addresses: [home] }, equipment: { shipTo: { line1: '800 Warehouse Rd', postalCode: '30301', country: 'US' } } })).toBe(true);
  });

  test('as: company treats legal forms and spacing as the same company', () => {
    const m = matcher({ field: 'references[].company', sameAs: 'employment[].employer', as: 'company' });
    expect(matches(m, { employment: [{ employer: 'SilverStar Co., Ltd.' }], references: [{ company: 'Silver Star LLC' }] })).toBe(true);
    expect(matches(m, { employment: [{ employer: 'Acme Inc.' }], references: [{ company: 'Silver Star LLC' }] })).toBe(false);
  });
});

describe('quantifier and minMatches', () => {
  test('quantifier any (default) needs one value; all needs every value', () => {
    const any = matcher({ field: 'network.sessions[].country', equals: 'US' });
    const all = matcher({ field: 'network.sessions[].country', equals: 'US', quantifier: 'all' });
    const mixed = {
      network: {
        sessions: [
          { ip: '1.1.1.1', country: 'US' },
          { ip: '1.1.1.2', country: 'CA' },
        ],
      },
    };
    const allUs = {
      network: {
        sessions: [
          { ip: '1.1.1.1', country: 'US' },
          { ip: '1.1.1.2', country: 'US' },
        ],
      },
    };
    expect(matches(any, mixed)).toBe(true);
    expect(matches(all, mixed)).toBe(false);
    expect(matches(all, allUs)).toBe(true);
    expect(all(allUs)).toHaveLength(2);
  });

  test('minMatches needs that many matching values', () => {
    const m = matcher({ field: 'network.sessions[].country', notEquals: { field: 'claimedLocation.country' }, minMatches: 2 });
    const s = (...cs: string[]) => ({ claimedLocation: { country: 'US' }, network: { sessions: cs.map((c, i) => ({ ip: `1.1.1.${i + 1}`, country: c })) } });
    expect(matches(m, s('CN', 'US', 'US'))).toBe(false);
    expect(matches(m, s('CN', 'US', 'RU'))).toBe(true);
    expect(m(s('CN', 'US', 'RU'))!.map((e) => e.path)).toEqual(['network.sessions[0].country', 'network.sessions[2].country']);
  });
});
