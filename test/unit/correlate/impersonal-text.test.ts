import { expect, test } from 'vitest';
import { impersonalText } from '../../../src/correlate/impersonal-text.js';
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
