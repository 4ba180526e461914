import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runCli, STACK_FRAME } from '../../helpers/cli.js';

/**
 * Single records that once ended a whole run (issue 14): each must end as that record's error,
 * exit 0/1/2, with a report that accounts for every other record. Inputs live in
 * test/fixtures/hostile/ so the fuzzing harness can replay them.
 */
const dir = fileURLToPath(new URL('../../fixtures/hostile/', import.meta.url));

async function check(file: string, extra: string[] = []) {
  const r = await runCli(['-f', 'json', '--no-progress', ...extra, file], { cwd: dir });
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr).not.toMatch(STACK_FRAME);
  expect([0, 1, 2]).toContain(r.code);
  const report = JSON.parse(r.stdout) as {
    summary: { total: number; evaluated: number; invalid: number };
    applicants: Array<{ id: string }>;
    errors: Array<{ source: string; message: string; problems?: Array<{ code?: string; message: string }> }>;
  };
  expect(report.summary.total).toBe(report.summary.evaluated + report.summary.invalid);
  return { ...r, report };
}

describe('hostile records', () => {
  test("an unparsable line 8,000 brackets deep is that line's error, not the run's", async () => {
    const { code, report } = await check('deep-unparsable.ndjson');
    expect(code).toBe(2);
    expect(report.summary).toMatchObject({ total: 3, evaluated: 2, invalid: 1 });
    expect(report.errors[0]!.source).toBe('deep-unparsable.ndjson#2');
    expect(report.errors[0]!.message).toMatch(/not valid JSON/);
  });

  test('"constructor", "__proto__", "toString" in addresses and employers are plain words', async () => {
    const { report } = await check('constructor-words.ndjson');
    expect(report.summary).toMatchObject({ total: 2, evaluated: 2, invalid: 0 });
  });
});

describe('numbers that become dates', () => {
  test('a Lever createdAt of 1e21 is a warning on that record, not "Invalid time value"', async () => {
    const { report } = await check('lever-created-1e21.ndjson');
    expect(report.summary).toMatchObject({ total: 3, evaluated: 3, invalid: 0 });
    const warned = (report.applicants as Array<{ id: string; warnings?: string[] }>).filter((a) =>
      a.warnings?.some((w) => /createdAt .*not a timestamp/.test(w)),
    );
    expect(warned.map((a) => a.id).sort()).toEqual(['lv-1', 'lv-2']);
  });
});

describe('deep records', () => {
  test('a schema-invalid record 1,000 levels deep is refused by the depth limit before validation', async () => {
    const { code, report } = await check('deep-schema-invalid.ndjson');
    expect(code).toBe(2);
    expect(report.summary).toMatchObject({ total: 2, evaluated: 1, invalid: 1 });
    expect(report.errors[0]!.problems).toEqual([expect.objectContaining({ code: 'input-limit' })]);
  });
});
