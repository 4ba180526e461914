import { afterAll, describe, expect, test } from 'vitest';
import { describeCondition } from '../../../../src/cli/rules/describe-condition.js';
import { cleanupTempDirs, loadPack, ruleFile, ruleYaml } from '../../../helpers/rule-pack.js';

const leaf = (op: string, operand: unknown, extra: Record<string, unknown> = {}) => describeCondition({ field: 'x.y', [op]: operand, ...extra });

describe('describeCondition: one phrase per operator', () => {
  test.each([
    ['exists', true, 'x.y is present'],
    ['exists', false, 'x.y is absent or empty'],
    ['equals', 'US', 'x.y equals "US"'],
    ['equals', { field: 'a.b' }, 'x.y equals a.b'],
    ['notEquals', 3, 'x.y does not equal 3'],
    ['in', ['a', 'b', 'c'], 'x.y is one of "a", "b" or "c"'],
    ['in', { list: 'fronts' }, "x.y is an entry of the list 'fronts'"],
    ['notIn', ['a', 'b'], 'x.y is none of "a" or "b"'],
    ['notIn', { list: 'fronts' }, "x.y is not an entry of the list 'fronts'"],
    ['contains', 'anydesk', 'x.y contains "anydesk"'],
    ['contains', ['a', 'b'], 'x.y contains one of "a" or "b"'],
    ['startsWith', '+850', 'x.y starts with "+850"'],
    ['endsWith', { list: 'domains' }, "x.y ends with an entry of the list 'domains'"],
    ['regex', '^[0-9]+$', 'x.y matches the regular expression /^[0-9]+$/'],
    ['gt', 5, 'x.y is greater than 5'],
    ['gte', 5, 'x.y is at least 5'],
    ['lt', { field: 'a.n' }, 'x.y is less than a.n'],
    ['lte', 5, 'x.y is at most 5'],
    ['before', '2020-01-01', 'x.y is before "2020-01-01"'],
    ['after', { field: 'appliedAt' }, 'x.y is after appliedAt'],
    ['within', { days: 30, of: { field: 'payroll.startDate' }, direction: 'after' }, 'x.y is within 30 days after payroll.startDate'],
    ['within', { days: 1, of: '2024-01-01' }, 'x.y is within 1 day of "2024-01-01"'],
    ['ageAt', { at: { field: 'appliedAt' }, lt: 18 }, 'x.y is a birth date that makes the person under 18 years old at appliedAt'],
    ['cidr', ['175.45.176.0/22', '10.0.0.0/8'], 'x.y is an IP address in 175.45.176.0/22 or 10.0.0.0/8'],
    ['cidr', { list: 'ranges' }, "x.y is an IP address in a range on the list 'ranges'"],
    ['sameAs', 'a.b', 'x.y is the same as a.b'],
    ['sameAs', ['a.b', 'c.d'], 'x.y is the same as one of a.b or c.d'],
    ['differsFrom', ['a.b', 'c.d'], 'x.y differs from each of a.b and c.d'],
  ])('%s %j', (op, operand, words) => {
    expect(leaf(op, operand)).toBe(words);
  });

  test('as, quantifier and minMatches are said in words', () => {
    expect(describeCondition({ field: 'a[]', equals: 'x', as: 'company' })).toBe('one of a[] equals "x" (compared as company names)');
    expect(describeCondition({ field: 'a[]', equals: 'x', quantifier: 'all' })).toBe('every one of a[] equals "x"');
    expect(describeCondition({ field: 'a[]', equals: 'x', minMatches: 3 })).toBe('at least 3 of a[] equals "x"');
    // A comparator added later reads by its name until it gets its own words.
    expect(describeCondition({ field: 'a', equals: 'x', as: 'soundex' })).toBe('a equals "x" (compared as soundex)');
  });
});

describe('describeCondition: structure', () => {
  test('all / any / not, with composite parts in parentheses', () => {
    const text = describeCondition({
      all: [{ field: 'a', exists: true }, { any: [{ field: 'b', equals: 1 }, { field: 'c', equals: 2 }] }, { not: { field: 'd', exists: true } }],
    });
    expect(text).toBe('a is present, (b equals 1 or c equals 2) and (it is not the case that d is present)');
  });

  test('some / every scope paths: relative paths are the element, $. the applicant', () => {
    expect(
      describeCondition({ some: 'identity.documents[]', where: { field: 'nameOnDocument', differsFrom: ['$.name.full', '$.name.aliases[]'], as: 'name' } }),
    ).toBe("for at least one of identity.documents[]: its nameOnDocument differs from each of the applicant's name.full and the applicant's name.aliases[] (compared as names)");
    expect(describeCondition({ every: 'derived.sessions[]', where: { field: 'hosting', equals: true } })).toBe(
      'for every one of derived.sessions[] (and there is at least one): its hosting equals true',
    );
  });

  test('a node it does not know is said to be unrecognised, never thrown on', () => {
    expect(describeCondition(42)).toBe('(unrecognised condition)');
    expect(describeCondition({ weird: 1 })).toBe('(unrecognised condition)');
  });
});

afterAll(cleanupTempDirs);

/** What `rules show` lists under "Fields used": the paths the compiler recorded for the match condition. */
function fieldsRead(match: unknown): string[] {
  return loadPack({ [ruleFile('identity.test-rule')]: ruleYaml({ match }) }).ruleSet.rules[0]!.fieldsRead;
}

describe('fieldsRead (CompiledRule.fieldsRead)', () => {
  test('leaf fields, scope paths and operand paths, absolute, once each', () => {
    expect(
      fieldsRead({
        all: [
          { some: 'identity.documents[]', where: { field: 'nameOnDocument', differsFrom: ['$.name.full', '$.name.aliases[]'], as: 'name' } },
          { field: 'payroll.changes[].at', within: { days: 30, of: { field: 'payroll.startDate' } } },
          { not: { field: 'dateOfBirth', ageAt: { at: { field: 'appliedAt' }, lt: 18 } } },
          { field: 'payroll.bank.country', equals: { field: 'claimedLocation.country' } },
          { field: 'name.full', exists: true },
        ],
      }),
    ).toEqual([
      'identity.documents[]',
      'identity.documents[].nameOnDocument',
      'name.full',
      'name.aliases[]',
      'payroll.changes[].at',
      'payroll.startDate',
      'dateOfBirth',
      'appliedAt',
      'payroll.bank.country',
      'claimedLocation.country',
    ]);
  });
});
