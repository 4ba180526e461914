import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FORMAT_NAMES, FORMATS } from '../../src/formats/index.js';

/**
 * A person who gets only a CSV or a CI log still learns why a record could not be checked: the
 * built CLI, its real standard error.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'dprk-check.js');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dprk-reasons-'));
  // Line 4 holds the bad e-mail list; the record keeps a readable id.
  writeFileSync(join(dir, 'bad.json'), '{\n  "id": "cand-31",\n  "name": { "full": "Ana Lima" },\n  "contact": { "emails": "not-a-list" }\n}\n');
  const broken = { id: 'cand-32', name: { full: 'Bo Chen' }, identity: { documents: Array.from({ length: 12 }, () => ({ issuingCountry: 'usa' })) } };
  writeFileSync(join(dir, 'broken.ndjson'), `${JSON.stringify(broken)}\n`);
  // A date of birth no calendar has: its diagnostic quotes it.
  writeFileSync(join(dir, 'dob.json'), JSON.stringify({ id: 'cand-33', name: { full: 'Cy Diaz' }, dateOfBirth: '1990-02-30' }, null, 2));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });

describe('records that could not be checked, outside the text report', () => {
  test('standard error says why, with the line and column of the problem', () => {
    const r = cli(['-f', 'csv:out.csv', 'bad.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('dprk-check: bad.json: invalid applicant record (1 problem): contact.emails: must be array (line 4, column 26)\n');
  });

  test('a record broken in many places gives 5 of its problems on one line, and how many more', () => {
    const r = cli(['-f', 'json:out.json', 'broken.ndjson']);
    const line = r.stderr.split('\n').find((l) => l.startsWith('dprk-check: broken.ndjson#1: '))!;
    expect(line).toMatch(/^dprk-check: broken\.ndjson#1: invalid applicant record \(12 problems\): identity\.documents\[0\]\.issuingCountry: /);
    expect(line.match(/issuingCountry: must be/g)).toHaveLength(5);
    expect(line).toMatch(/; and 7 more$/);
  });

  test('the CSV row names the record (id, file and line) and why it failed', () => {
    cli(['-f', 'csv:out.csv', 'broken.ndjson']);
    const row = readFileSync(join(dir, 'out.csv'), 'utf8').split('\r\n')[1]!;
    expect(row).toMatch(
      /^cand-32,,broken\.ndjson#1,invalid,,,,,"?invalid applicant record \(12 problems\): identity\.documents\[0\]\.issuingCountry: .*; and 7 more"?$/,
    );
  });
});

describe('a value quoted by the diagnostics of an invalid record', () => {
  const every = FORMAT_NAMES.flatMap((f) => ['-f', `${f}:out.${f}`]);
  const outputs = (names: readonly string[]) => names.map((f) => [f, readFileSync(join(dir, `out.${f}`), 'utf8')] as const);

  test('is shown where nothing is masked, so a person can fix the record', () => {
    const r = cli(['-f', 'csv:out.csv', 'dob.json']);
    expect(r.stderr).toContain('(got "1990-02-30")');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toContain('1990-02-30');
  });

  test('is masked in every format and on standard error with --redact', () => {
    const r = cli(['--redact', ...every, 'dob.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('dob.json: invalid applicant record (1 problem): dateOfBirth: is not a plausible date');
    expect(r.stderr).toContain('(got [date of birth])');
    for (const [f, text] of [...outputs(FORMAT_NAMES), ['stderr', r.stderr] as const]) expect([f, text.includes('1990-02-30')]).toEqual([f, false]);
  });

  test('is masked in the formats masked by default, and on the standard error beside them', () => {
    const masked = FORMAT_NAMES.filter((f) => FORMATS[f].redactByDefault);
    const r = cli([...masked.flatMap((f) => ['-f', `${f}:out.${f}`]), 'dob.json']);
    for (const [f, text] of [...outputs(masked), ['stderr', r.stderr] as const]) expect([f, text.includes('1990-02-30')]).toEqual([f, false]);
  });
});
