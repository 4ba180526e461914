import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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
