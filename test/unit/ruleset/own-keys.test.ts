import { afterAll, expect, test } from 'vitest';
import { cleanupTempDirs, lineOf, loadErrors, ruleFile, ruleYaml } from '../../helpers/rule-pack.js';

afterAll(cleanupTempDirs);

const FILE = ruleFile('identity.test-rule');

// Names every plain object inherits: a lookup `name in table` or `table[name]` finds them.
const INHERITED = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

test.each(INHERITED)('message "{{%s}}" is an unknown field at its line', (name) => {
  const text = ruleYaml({ match: { field: 'dateOfBirth', exists: true }, message: `Born {{${name}}}.` });
  const errors = loadErrors({ [FILE]: text }).filter((d) => d.severity === 'error');
  expect(errors.map((d) => [d.code, d.line])).toEqual([['rule-unknown-field', lineOf(text, 'message:')]]);
  expect(errors[0]!.message).toContain(`'${name}'`);
});

test.each(INHERITED)('requires: [%s] and nested paths through it are unknown fields', (name) => {
  const text = ruleYaml({ match: { field: 'dateOfBirth', exists: true }, requires: [name, `contact.${name}`] });
  const errors = loadErrors({ [FILE]: text }).filter((d) => d.severity === 'error');
  expect(errors.map((d) => d.code)).toEqual(['rule-unknown-field', 'rule-unknown-field']);
  expect(errors[0]!.line).toBeGreaterThan(lineOf(text, 'requires:'));
});

test.each(INHERITED)('field: %s in a condition, and as a filter key, is an unknown field', (name) => {
  for (const field of [name, `contact.emails[${name}=x]`, `identity.documents[].${name}`]) {
    const text = ruleYaml({ match: { field, exists: true } });
    const errors = loadErrors({ [FILE]: text }).filter((d) => d.severity === 'error');
    expect(
      errors.map((d) => [d.code, d.line]),
      field,
    ).toEqual([['rule-unknown-field', lineOf(text, 'field:')]]);
  }
});

test.each(['constructor', 'toString', 'hasOwnProperty'])('an operator named %s is an unknown operator, not a crash', (name) => {
  const text = ruleYaml({ match: { field: 'dateOfBirth', [name]: 1 } });
  const errors = loadErrors({ [FILE]: text }).filter((d) => d.severity === 'error');
  expect(errors.length).toBeGreaterThan(0);
  expect(
    errors.some((d) => /unknown operator|must NOT have additional|unknown key/.test(d.message)),
    JSON.stringify(errors),
  ).toBe(true);
});

test('ageAt with an inherited comparison name is refused', () => {
  const text = ruleYaml({ match: { field: 'dateOfBirth', ageAt: { toString: 3, at: '2026-01-01' } } });
  const errors = loadErrors({ [FILE]: text }).filter((d) => d.severity === 'error');
  expect(errors.length).toBeGreaterThan(0);
});
