import { expect, test } from 'vitest';
import { didYouMean, suggestIds } from '../../../src/ruleset/suggest-id.js';

const ids = [
  'network.cn-ru-egress-elsewhere-declared',
  'network.dprk-phone-number',
  'network.phone-country-mismatch',
  'network.session-country-mismatch',
  'identity.document-name-mismatch',
];

test.each([
  ['network.cn-ru-egress', ['network.cn-ru-egress-elsewhere-declared']], // a prefix
  ['cn-ru-egress', ['network.cn-ru-egress-elsewhere-declared']], // a fragment
  ['network.dprk-phone-numbr', ['network.dprk-phone-number']], // a typo
  ['network.egress-cn-ru', ['network.cn-ru-egress-elsewhere-declared']], // words in another order
  ['country-mismatch', ['network.phone-country-mismatch', 'network.session-country-mismatch']],
  ['payroll.nothing-like-it', []],
  ['net', []], // too short to suggest anything by prefix
])('%s → %j', (word, expected) => {
  expect(suggestIds(word, ids)).toEqual(expected);
});

test('one suggestion or several, as a sentence', () => {
  expect(didYouMean('network.cn-ru-egress', ids)).toBe("did you mean 'network.cn-ru-egress-elsewhere-declared'?");
  expect(didYouMean('country-mismatch', ids)).toBe("did you mean one of 'network.phone-country-mismatch', 'network.session-country-mismatch'?");
  expect(didYouMean('zzz', ids)).toBeUndefined();
});
