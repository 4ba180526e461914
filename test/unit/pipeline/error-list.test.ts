import { afterEach, expect, test } from 'vitest';
import { RunErrors } from '../../../src/pipeline/error-list.js';
import { firstErrors, mapErrors, type RunError } from '../../../src/model/report.js';
import { buildReport } from '../../../src/report/build.js';

const saved = process.env.DPRK_CHECK_SPILL_AFTER;
afterEach(() => {
  if (saved === undefined) delete process.env.DPRK_CHECK_SPILL_AFTER;
  else process.env.DPRK_CHECK_SPILL_AFTER = saved;
});

function broken(line: number): RunError {
  const message = `line ${line} is not valid JSON: unexpected end of input`;
  return {
    source: `b.ndjson#${line}`,
    location: { file: 'b.ndjson', line },
    message,
    diagnostics: [{ code: 'input-not-json', severity: 'error', message, line }],
  };
}
const missing: RunError = {
  source: 'gone.json',
  location: { file: 'gone.json' },
  message: 'cannot read: ENOENT',
  diagnostics: [{ code: 'input-unreadable', severity: 'error', message: 'cannot read: ENOENT' }],
};
const META = { version: '0', rulesVersion: '0', rulesCount: 0, failOn: 'high' as const, generatedAt: '2026-01-01T00:00:00Z' };

test('past its threshold the list is on disk, not in the heap, and reads back the same in order and by position', () => {
  const errors = new RunErrors();
  const all = [missing, ...Array.from({ length: 5000 }, (_, i) => broken(i + 1))];
  for (const e of all) errors.push(e);
  const inner = (errors as unknown as { list: { held: unknown[]; spill?: unknown } }).list;
  expect(inner.spill).toBeDefined();
  expect(inner.held).toEqual([]);
  expect(errors.length).toBe(5001);
  expect([...errors]).toEqual(all);
  expect(errors.at(4321)).toEqual(all[4321]);
  expect(firstErrors(errors, 3)).toEqual(all.slice(0, 3));
  // The summary counts inputs that held no record as they came, without reading the list back.
  expect(errors.inputErrors).toBe(1);
  expect(buildReport([], errors, [], META).summary).toMatchObject({ total: 5000, invalid: 5000, unreadable: 1 });
  const masked = mapErrors(errors, (e) => ({ ...e, message: 'masked' }));
  expect(masked.length).toBe(5001);
  expect(masked.at(7)!.message).toBe('masked');
  expect([...masked].every((e) => e.message === 'masked')).toBe(true);
  errors.close();
});

test('a short list stays in memory; an array of errors is counted the same', () => {
  const errors = new RunErrors();
  errors.push(broken(1));
  errors.push(missing);
  expect((errors as unknown as { list: { spill?: unknown } }).list.spill).toBeUndefined();
  expect(buildReport([], errors, [], META).summary).toEqual(buildReport([], [broken(1), missing], [], META).summary);
  expect(mapErrors([broken(1)], (e) => ({ ...e, message: 'm' }))).toEqual([{ ...broken(1), message: 'm' }]);
});
