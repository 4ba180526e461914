import { describe, expect, test } from 'vitest';
import { parsePath, patternOf, type ParsedPath } from '../../../src/runtime/field-path.js';
import { compileResolver } from '../../../src/runtime/field-resolve.js';

const parsed = (text: string): ParsedPath => {
  const p = parsePath(text);
  if (typeof p === 'string') throw new Error(p);
  return p;
};
const resolve = (text: string, base: unknown, basePath = '') => compileResolver(parsed(text))(base, basePath);

describe('parsePath', () => {
  test('keys, [] and [key=value] segments', () => {
    expect(parsed('a.b[].c').segments).toEqual([{ kind: 'key', key: 'a' }, { kind: 'key', key: 'b' }, { kind: 'each' }, { kind: 'key', key: 'c' }]);
    expect(parsed('contact.addresses[type=home].country').segments).toEqual([
      { kind: 'key', key: 'contact' },
      { kind: 'key', key: 'addresses' },
      { kind: 'filter', key: 'type', value: 'home' },
      { kind: 'key', key: 'country' },
    ]);
  });

  test('$. marks an absolute path and is not a segment', () => {
    const p = parsed('$.name.full');
    expect(p.absolute).toBe(true);
    expect(p.segments).toEqual([
      { kind: 'key', key: 'name' },
      { kind: 'key', key: 'full' },
    ]);
    expect(parsed('name.full').absolute).toBe(false);
  });

  test.each(['', 'a..b', '.a', 'a.', '1abc', 'a-b', 'a[b', 'a[=x]', 'a[1x=y]', 'a b'])('rejects %j with a message', (text) => {
    expect(typeof parsePath(text)).toBe('string');
  });
});

describe('compileResolver', () => {
  const applicant = {
    name: { full: 'Jordan Miller', aliases: ['J. Miller', '', null] },
    contact: {
      addresses: [{ type: 'mailing', country: 'CA' }, { type: 'home', country: 'US' }, { type: 'home' }],
    },
    identity: {
      documents: [
        { verified: true, type: 'passport' },
        { verified: false, type: 'id' },
      ],
    },
  };

  test('gives concrete paths for array elements', () => {
    expect(resolve('contact.addresses[].country', applicant)).toEqual([
      { path: 'contact.addresses[0].country', value: 'CA' },
      { path: 'contact.addresses[1].country', value: 'US' },
    ]);
  });

  test('missing keys, null and empty strings yield nothing', () => {
    expect(resolve('name.aliases[]', applicant)).toEqual([{ path: 'name.aliases[0]', value: 'J. Miller' }]);
    expect(resolve('dateOfBirth', applicant)).toEqual([]);
    expect(resolve('payroll.bank.country', { payroll: { bank: null } })).toEqual([]);
  });

  test('filters keep only elements whose key has that (text) value', () => {
    expect(resolve('contact.addresses[type=home].country', applicant)).toEqual([{ path: 'contact.addresses[1].country', value: 'US' }]);
    expect(resolve('identity.documents[verified=false].type', applicant)).toEqual([{ path: 'identity.documents[1].type', value: 'id' }]);
  });

  test('walking through the wrong shape yields nothing instead of throwing', () => {
    expect(resolve('name.full[]', applicant)).toEqual([]);
    expect(resolve('contact.addresses.country', applicant)).toEqual([]);
    expect(resolve('a.b', 'a string')).toEqual([]);
  });

  test('a relative path resolves from a scope element and prefixes its path', () => {
    const el = applicant.contact.addresses[1];
    expect(resolve('country', el, 'contact.addresses[1]')).toEqual([{ path: 'contact.addresses[1].country', value: 'US' }]);
  });

  test('a path ending in an object yields the object', () => {
    expect(resolve('name', applicant)[0]!.value).toBe(applicant.name);
  });
});

test('patternOf maps concrete paths back to rule patterns', () => {
  expect(patternOf('identity.documents[12].nameOnDocument')).toBe('identity.documents[].nameOnDocument');
  expect(patternOf('a[0].b[3]')).toBe('a[].b[]');
});
