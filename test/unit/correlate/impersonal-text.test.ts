import { describe, expect, test } from 'vitest';
import { impersonalText, ownWords, stripIdentifiers } from '../../../src/correlate/impersonal-text.js';
import { resumeSignature } from '../../../src/correlate/minhash.js';
import type { Applicant } from '../../../src/model/applicant.js';

const person = { schemaVersion: '1', id: 'a1', name: { full: 'Jordan Miller' } } as unknown as Applicant;

test('leaves out the person, their contacts and any URL, e-mail, handle or phone number', () => {
  const text = 'Jordan Miller jordan.miller@example.org +1 (614) 555-0178 https://jm.dev/cv github.com/jmiller Built billing pipelines in Go';
  expect(impersonalText(text, person)).toBe('built billing pipelines in go');
});

// Résumé text is untrusted and may be a megabyte: an unbounded repetition retried from every start
// of one long word is quadratic (a 30 000-character word took 1.4 s of CPU a record, 1 MB hours).
test.each([
  ['one long word (e-mail, handle)', 'ab'.repeat(500_000)],
  ['a long run of digits (phone)', '1'.repeat(1_000_000)],
  ['www. over and over (URL)', 'www.'.repeat(250_000)],
  ['dots and hyphens (handle)', 'a.-'.repeat(330_000)],
  ['an @ with no domain end (e-mail)', `${'a'.repeat(500_000)}@${'b'.repeat(499_999)}`],
])('a megabyte of %s is read in linear time', (_, text) => {
  const t = process.cpuUsage();
  impersonalText(text, person);
  const { user, system } = process.cpuUsage(t);
  // Linear is about a second or less here, even on a loaded machine; the unbounded patterns took minutes.
  expect((user + system) / 1000).toBeLessThan(3_000);
});

// Linking shingles stripIdentifiers(text) leaving out ownWords(a) instead of building impersonalText:
// it must give the signature of that text, word for word.
describe('the signature linking uses is that of the impersonal text', () => {
  const rich = {
    ...person,
    name: { full: 'José María Núñez-Smith', given: 'José', aliases: ['J. Smith'] },
    contact: { emails: ['jose.nunez+cv@example.org'], addresses: [{ line1: '87 Oak Hollow Dr', city: 'Columbus', region: 'OH', postalCode: '43004' }] },
    claimedLocation: { city: 'Columbus', region: 'OH' },
  } as unknown as Applicant;
  const body = Array.from({ length: 60 }, (_, i) => `Shipped service${i} with Go and Kafka`).join('. ');
  test.each([
    ['ASCII, own words in every case', `JOSE Nunez-Smith, Oak Hollow Dr, Columbus OH 43004. ${body}. Jose moved to columbus.`, rich],
    ['ASCII, nobody to leave out', `Jordan. ${body}`, { ...person, name: { full: '' } } as unknown as Applicant],
    ['accented and Hangul text', `José María Núñez. 서울 개발자 ${body} Ünïcödé façade 東京`, rich],
    ['identifiers only around the words', `jose.nunez@example.org +1 614 555 0178 https://x.dev/cv ${body}`, rich],
  ])('%s', (_, text, a) => {
    const expected = resumeSignature(impersonalText(text, a));
    expect(expected).toBeDefined();
    expect(resumeSignature(stripIdentifiers(text), ownWords(a))).toEqual(expected);
  });

  test('leaving a word out changes the signature (the comparison above can fail)', () => {
    const text = body.replace(/Go/g, 'Columbus');
    expect(resumeSignature(stripIdentifiers(text), ownWords(rich))).not.toEqual(resumeSignature(stripIdentifiers(text)));
  });
});
