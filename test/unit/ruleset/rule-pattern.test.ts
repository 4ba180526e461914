import { expect, test } from 'vitest';
import { matchesPattern, selectIds } from '../../../src/ruleset/rule-pattern.js';

const ids = ['network.vpn-use', 'network.hosting-ip', 'identity.document-name-mismatch', 'identity.document-dob-mismatch'];

test('an exact id, * for all, and * wildcards inside ids', () => {
  expect(selectIds('network.vpn-use', ids)).toEqual(['network.vpn-use']);
  expect(selectIds('*', ids)).toEqual(ids);
  expect(selectIds('network.*', ids)).toEqual(['network.vpn-use', 'network.hosting-ip']);
  expect(selectIds('identity.document-*-mismatch', ids)).toEqual(['identity.document-name-mismatch', 'identity.document-dob-mismatch']);
});

test('dots and dashes are literal: a pattern is never a regular expression', () => {
  expect(matchesPattern('network.vpn-use', 'networkXvpn-use')).toBe(false);
  expect(matchesPattern('network', 'network.vpn-use')).toBe(false);
  expect(matchesPattern('network.vpn', 'network.vpn-use')).toBe(false);
});
