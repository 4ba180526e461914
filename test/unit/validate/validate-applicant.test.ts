import { describe, expect, test } from 'vitest';
import { validateApplicant } from '../../../src/validate/validate-applicant.js';
import { readSchema } from '../../../src/validate/ajv.js';

const minimal = { id: 'cand-1', name: { full: 'Jordan Miller' } };

function errorsOf(value: unknown, opts = {}) {
  const v = validateApplicant(value, opts);
  expect(v.applicant, 'expected the record to be refused').toBeUndefined();
  return v.errors;
}

describe('valid records', () => {
  test('only id and name.full are required', () => {
    const v = validateApplicant(minimal);
    expect(v).toEqual({ applicant: minimal, errors: [], warnings: [] });
  });

  test('a full record in the documented shape is valid', () => {
    const full = {
      schemaVersion: '1',
      ...minimal,
      dateOfBirth: '1991-03-14',
      appliedAt: '2026-10-02T15:04:05Z',
      claimedLocation: { country: 'US', region: 'OH', city: 'Columbus', timezone: 'America/New_York' },
      contact: { emails: ['j@example.com'], phones: ['+1 614 555 0142'], addresses: [{ type: 'home', line1: '12 Elm St', country: 'US' }] },
      identity: { documents: [{ type: 'passport', nameOnDocument: 'Jordan Miller', verified: true, verificationMethod: 'in_person' }] },
      employment: [{ employer: 'Acme', start: '2013-07', end: '2019-01', type: 'full_time' }],
      payroll: { method: 'bank', bank: { holderName: 'Jordan Miller', country: 'US' }, platform: null, cryptoWallet: null },
      extra: { anything: { goes: [1, 2, 3] } },
    };
    expect(validateApplicant(full).errors).toEqual([]);
  });
});

describe('schema violations name the field', () => {
  test('missing id', () => {
    const [e] = errorsOf({ name: { full: 'X' } });
    expect(e).toMatchObject({ code: 'applicant-schema', path: '/id' });
    expect(e!.message).toBe("id: missing required field 'id'");
  });

  test('missing name.full', () => {
    expect(errorsOf({ id: 'a', name: {} })[0]!.message).toBe("name.full: missing required field 'full'");
  });

  test('bad country code "usa"', () => {
    const [e] = errorsOf({ ...minimal, claimedLocation: { country: 'usa' } });
    expect(e!.message).toBe('claimedLocation.country: must be an ISO 3166-1 alpha-2 country code in upper case (e.g. US)');
    expect(e!.path).toBe('/claimedLocation/country');
  });

  test.each(['2026-13-45', '9999-01-01', '2026-02-30', 'last tuesday'])('absurd date %s', (date) => {
    const [e] = errorsOf({ ...minimal, dateOfBirth: date });
    expect(e!.message).toMatch(/^dateOfBirth: is not (a plausible|an ISO 8601) date/);
  });

  test('absurd date inside an array element names the index', () => {
    const [e] = errorsOf({
      ...minimal,
      employment: [
        { employer: 'A', start: '2019-01' },
        { employer: 'B', start: '2026-13-45' },
      ],
    });
    expect(e!.message).toMatch(/^employment\[1\]\.start: /);
    expect(e!.path).toBe('/employment/1/start');
  });

  test('invalid time zone', () => {
    const [e] = errorsOf({ ...minimal, claimedLocation: { timezone: 'Mars/Olympus' } });
    expect(e!.message).toBe('claimedLocation.timezone: is not an IANA time zone (e.g. America/New_York) (got "Mars/Olympus")');
  });

  test('a huge string over maxLength', () => {
    const [e] = errorsOf({ ...minimal, name: { full: 'x'.repeat(257) } });
    expect(e!.message).toBe('name.full: is too long (more than 256 characters)');
  });

  test('wrong types and enum values', () => {
    const errs = errorsOf({ ...minimal, payroll: { method: 'cash' }, profiles: [{ connections: -1 }], identity: { documents: 'passport' } });
    const msgs = errs.map((e) => e.message);
    expect(msgs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^payroll\.method: must be one of: "bank"/),
        expect.stringMatching(/^profiles\[0\]\.connections: /),
        expect.stringMatching(/^identity\.documents: must be array/),
      ]),
    );
  });

  test('all problems are reported, capped with a count of the rest', () => {
    const docs = Array.from({ length: 30 }, () => ({ issuingCountry: 'usa' }));
    const errs = errorsOf({ ...minimal, identity: { documents: docs } });
    expect(errs).toHaveLength(21);
    expect(errs[20]!.message).toBe('… and 10 more problems');
  });
});

describe('unknown fields', () => {
  test('unknown top-level field: an error in strict mode (the default), with a hint', () => {
    const [e] = errorsOf({ ...minimal, nationality: 'KP' });
    expect(e).toMatchObject({ code: 'applicant-unknown-field', severity: 'error', message: "unknown field 'nationality'", path: '/nationality' });
    expect(e!.hint).toContain('--no-strict');
  });

  test('unknown top-level field: a warning with strict: false, and the record is accepted', () => {
    const v = validateApplicant({ ...minimal, nationality: 'KP' }, { strict: false });
    expect(v.applicant).toBeDefined();
    expect(v.errors).toEqual([]);
    expect(v.warnings).toEqual([expect.objectContaining({ code: 'applicant-unknown-field', severity: 'warning', message: "unknown field 'nationality'" })]);
  });

  test('an unknown nested field', () => {
    const [e] = errorsOf({ ...minimal, contact: { emails: ['a@b.c'], skype: 'jm' } });
    expect(e!.message).toBe("unknown field 'contact.skype'");
    expect(errorsOf({ ...minimal, identity: { documents: [{ type: 'passport', citizenship: 'KP' }] } })[0]!.message).toBe(
      "unknown field 'identity.documents[0].citizenship'",
    );
  });

  test('with strict: false a real schema error still refuses the record', () => {
    const v = validateApplicant({ ...minimal, extraField: 1, claimedLocation: { country: 'usa' } }, { strict: false });
    expect(v.applicant).toBeUndefined();
    expect(v.errors).toHaveLength(1);
    expect(v.warnings).toHaveLength(1);
  });
});

describe('positions in the file', () => {
  const text = `{
  "id": "cand-1",
  "name": { "full": "Jordan Miller" },
  "claimedLocation": {
    "country": "usa",
    "city": "Columbus"
  },
  "employment": [
    { "employer": "Acme", "start": "2026-13-45" }
  ],
  "favouriteColour": "blue"
}`;
  const errs = errorsOf(JSON.parse(text), { text, file: 'a.json' });
  const by = (path: string) => errs.find((e) => e.path === path)!;

  test('a bad value points at the value', () => {
    expect(by('/claimedLocation/country')).toMatchObject({ file: 'a.json', line: 5, column: 16 });
    expect(by('/employment/0/start')).toMatchObject({ line: 9, column: 36 });
  });

  test('an unknown field points at its key', () => {
    expect(by('/favouriteColour')).toMatchObject({ line: 11, column: 3 });
  });

  test('a missing field points at the object that lacks it', () => {
    const t = '{\n  "id": "x",\n  "name": {\n    "given": "J"\n  }\n}';
    const [e] = errorsOf(JSON.parse(t), { text: t });
    expect(e).toMatchObject({ path: '/name/full', line: 3, column: 11 });
  });
});

describe('the applicant schema', () => {
  test('has no origin field anywhere', () => {
    const text = JSON.stringify(readSchema('applicant.schema.json'));
    const keys = [...text.matchAll(/"([A-Za-z_]+)":/g)].map((m) => m[1]!.toLowerCase());
    for (const bad of ['nationality', 'citizenship', 'ethnicity', 'language', 'race', 'religion', 'birthplace', 'placeofbirth']) {
      expect(keys).not.toContain(bad);
    }
  });
});
