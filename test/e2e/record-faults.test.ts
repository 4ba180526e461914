import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** Record-level faults in the input: each is reported with its place, and no other record is lost. */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dprk-faults-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function json(args: string[]) {
  const r = await runCli([...args, '--format', 'json', '--no-progress'], { cwd: dir });
  return { ...r, report: JSON.parse(r.stdout) };
}

const HEADER = 'id,full_name,emails,country\n';
const row = (n: number) => `c${n},Person ${n},p${n}@example.com,US\n`;

describe('CSV exports', () => {
  test('an unclosed quote is an error for its row; every other row is checked and the summary counts them all', async () => {
    writeFileSync(join(dir, 'open.csv'), HEADER + row(1) + 'c2,"Bob Two,b2@example.com,US\n' + row(3) + 'c4,"Dan, Four",d4@example.com,US\n' + row(5));
    const { code, report, stderr } = await json(['open.csv']);
    expect(code).toBe(2);
    expect(report.applicants.map((a: { id: string }) => a.id)).toEqual(['c1', 'c3', 'c4', 'c5']);
    expect(report.summary).toMatchObject({ total: 5, evaluated: 4, invalid: 1 });
    expect(report.sources.files[0]).toMatchObject({ records: 5, joined: 4, errors: 1 });
    expect(report.errors).toEqual([expect.objectContaining({ source: 'open.csv#3', problems: [expect.objectContaining({ code: 'input-csv-row', line: 3 })] })]);
    expect(stderr).toContain('open.csv#3: the quoted cell at line 3, column 4 runs on over line 4');
  });

  test('a quote never closed before the end of the file costs that row only', async () => {
    writeFileSync(join(dir, 'eof.csv'), HEADER + row(1) + 'c2,"Bob Two,b2@example.com,US\n' + row(3) + row(4));
    const { report } = await json(['eof.csv']);
    expect(report.applicants.map((a: { id: string }) => a.id)).toEqual(['c1', 'c3', 'c4']);
    expect(report.summary).toMatchObject({ total: 4, invalid: 1 });
    expect(report.errors[0].message).toContain('is never closed (no closing quote before the end of the file)');
  });

  test('empty cells past the header are ignored with a note naming the lines; text past it is an error', async () => {
    writeFileSync(join(dir, 'extra.csv'), HEADER + row(1) + 'c2,B,b@example.com,US,,\nc3,Smith, C,c@example.com,US\n');
    const { report } = await json(['extra.csv']);
    expect(report.applicants.map((a: { id: string }) => a.id)).toEqual(['c1', 'c2']);
    expect(report.sources.files[0].warnings).toEqual(["line 3 has more cells than the header's 4; the extra cells are empty and were ignored"]);
    expect(report.errors).toEqual([expect.objectContaining({ source: 'extra.csv#4', message: 'line 4 has 5 cells, the header 4: the row is not read' })]);
    const text = await runCli(['extra.csv', '--no-progress'], { cwd: dir });
    expect(text.stdout).toContain("note: line 3 has more cells than the header's 4; the extra cells are empty and were ignored");
  });
});

describe('JSON records that repeat a key', () => {
  test('NDJSON and array elements: a warning with the key and its line and column; the last value is the one checked', async () => {
    writeFileSync(join(dir, 'dup.ndjson'), '{"id":"a","name":{"full":"Ann Lee"},"contact":{"emails":["x@example.com"],"emails":["y@example.com"]}}\n');
    writeFileSync(join(dir, 'dup.json'), '[\n  {"id":"b","name":{"full":"Bo Li"},\n   "id":"b2"}\n]\n');
    const { report } = await json(['dup.ndjson', 'dup.json']);
    expect(report.summary).toMatchObject({ total: 2, evaluated: 2 });
    const [a, b] = report.applicants;
    expect(a.warnings).toEqual([
      'line 1, column 75: key "emails" appears again in contact (first at line 1, column 48); the last value is used, the first is ignored',
    ]);
    expect(b).toMatchObject({
      id: 'b2',
      warnings: ['line 3, column 4: key "id" appears again (first at line 2, column 4); the last value is used, the first is ignored'],
    });
    const text = await runCli(['dup.ndjson', '--no-progress'], { cwd: dir });
    expect(text.stdout).toContain('warning: line 1, column 75: key "emails" appears again in contact');
  });

  test('in a record that is invalid too, the warning is among its problems', async () => {
    writeFileSync(join(dir, 'dup-bad.ndjson'), '{"id":"c","name":{"full":"C D"},"name":{"full":"E F"},"contact":{"emails":"no"}}\n');
    const { report } = await json(['dup-bad.ndjson']);
    expect(report.errors[0].problems.map((p: { code: string }) => p.code)).toEqual(['applicant-schema', 'input-duplicate-key']);
  });
});

describe('many records that cannot be checked', () => {
  test('past the in-memory bound (4 096) every error is still counted and written, in every format, in order', async () => {
    const n = 5000;
    const lines = Array.from({ length: n }, () => '{"id":');
    lines.splice(2500, 0, '{"id":"ok-1","name":{"full":"Ok One"}}');
    writeFileSync(join(dir, 'broken.ndjson'), `${lines.join('\n')}\n`);
    const out = (f: string) => readFileSync(join(dir, f), 'utf8');
    const args = ['broken.ndjson', '--no-progress', ...['json', 'csv', 'junit', 'text', 'markdown', 'sarif', 'github'].flatMap((f) => ['-f', `${f}:out.${f}`])];
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    const report = JSON.parse(out('out.json'));
    expect(report.summary).toMatchObject({ total: n + 1, evaluated: 1, invalid: n });
    expect(report.errors).toHaveLength(n);
    expect(report.errors[2500].source).toBe('broken.ndjson#2502');
    expect(report.errors[n - 1].source).toBe(`broken.ndjson#${n + 1}`);
    expect(
      out('out.csv')
        .split('\r\n')
        .filter((l) => l.includes(',invalid,')),
    ).toHaveLength(n);
    expect(out('out.junit')).toContain(`errors="${n}"`);
    expect(out('out.junit').match(/<error /g)).toHaveLength(n);
    expect(out('out.text')).toContain(`Could not check ${n} records:`);
    expect(out('out.text').match(/is not valid JSON/g)).toHaveLength(n);
    expect(out('out.markdown')).toContain(`### Could not check (${n})`);
    expect(JSON.parse(out('out.sarif')).runs[0].invocations[0].toolExecutionNotifications.length).toBeGreaterThan(0);
    expect(out('out.github').match(/^::error /gm)).toHaveLength(10);
    expect(out('out.github')).toContain(`${n} could not be checked`);
    expect(r.stderr).toContain(`more records that could not be checked (all are in the report)`);
  }, 60_000);
});
