import { describe, expect, test } from 'vitest';
import { checkRecord } from '../../../src/pipeline/check-record.js';
import type { InputRecord } from '../../../src/read/input-record.js';

/** What the error of a record that cannot be checked holds: the count of its problems, and its id when it has one. */
const at = (value: unknown, extra: Partial<InputRecord> = {}): InputRecord => ({
  source: 'exports/a.json[2]',
  location: { file: 'exports/a.json', index: 2 },
  file: 'exports/a.json',
  value,
  ...extra,
});

function errorOf(record: InputRecord) {
  const outcome = checkRecord(record, [], { strict: true, enrich: {} });
  if (outcome.ok) throw new Error('the record was expected to fail');
  return outcome.error;
}

describe('the error of an invalid record', () => {
  test('its head counts every problem, the ones the validator left out of its list too', () => {
    const docs = Array.from({ length: 30 }, () => ({ issuingCountry: 'usa' }));
    const e = errorOf(at({ id: 'cand-9', name: { full: 'A B' }, identity: { documents: docs } }));
    expect(e.message).toBe('invalid applicant record (30 problems)');
  });

  test('carries the id of the record when the schema would accept it, and none made up', () => {
    expect(errorOf(at({ id: 'cand-9', name: 'A B' })).id).toBe('cand-9');
    for (const id of [42, '', 'x'.repeat(257), ['cand-9']]) expect(errorOf(at({ id, name: 'A B' }))).not.toHaveProperty('id');
    expect(errorOf(at({ name: { full: 'A B' } }))).not.toHaveProperty('id');
    // A line that is not JSON has no value to read an id from.
    const unread = errorOf(at(undefined, { error: { code: 'input-not-json', severity: 'error', message: 'not valid JSON: unexpected end of input' } }));
    expect(unread).not.toHaveProperty('id');
  });
});
