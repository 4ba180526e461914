import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A problem in an element of a JSON array is placed in the file as one on an NDJSON line is: the
 * message names the element and the line and column where it starts, and each problem the line
 * and column of the offending value. Runs the built binary on the same records written three ways.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'dprk-check.js');

const RECORDS: unknown[] = [
  { id: 'cand-1', name: { full: 'Ann Lee' } },
  { id: 'cand-2', name: { full: 'Bo Chan' }, contact: { emails: [42] } },
  'not an applicant',
  { id: 'cand-4', name: { full: 'Cy Dee' }, bogus: 1 },
  { id: 'cand-5', name: { full: 'Di Eng' } },
];

interface Problem {
  code: string;
  message: string;
  line?: number;
  column?: number;
  path?: string;
}
interface Report {
  summary: { total: number; evaluated: number; invalid: number };
  errors: Array<{ source: string; message: string; problems: Problem[] }>;
}

let dir: string;
const FILES = {
  'pretty.json': `${JSON.stringify(RECORDS, null, 2)}\n`,
  'compact.json': JSON.stringify(RECORDS),
  'records.ndjson': `${RECORDS.map((r) => JSON.stringify(r)).join('\n')}\n`,
};

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--no-progress', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: 'true' },
    maxBuffer: 256 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const report = (args: string[]) => {
  const r = cli(['-f', 'json', ...args]);
  expect(r.code).toBe(2);
  return JSON.parse(r.stdout) as Report;
};

/** The text of a file from line:column (1-based) to the end of that line. */
function at(text: string, line: number, column: number): string {
  return text.split('\n')[line - 1]!.slice(column - 1);
}

/** Where each top-level element starts, found independently of the tool: by what JSON.stringify writes. */
function elementStarts(file: keyof typeof FILES): Array<{ line: number; column: number }> {
  if (file === 'pretty.json') {
    return FILES[file].split('\n').flatMap((l, i) => (/^ {2}[{"]/.test(l) ? [{ line: i + 1, column: 3 }] : []));
  }
  let column = 2;
  return RECORDS.map((r) => {
    const start = { line: 1, column };
    column += JSON.stringify(r).length + 1;
    return start;
  });
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'bundle.js'))) execSync('npm run build', { cwd: ROOT, stdio: 'ignore' });
  dir = mkdtempSync(join(tmpdir(), 'dprk-array-'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a syntax error in an array', () => {
  test('the file is refused, naming the element it is in, where that element starts, and where the error is', () => {
    const text = FILES['pretty.json'].replace('"bogus": 1', '"bogus": 1,');
    writeFileSync(join(dir, 'broken.json'), text);
    const r = report(['broken.json']);
    const start = elementStarts('pretty.json')[3]!;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.source).toBe('broken.json');
    expect(r.errors[0]!.message).toBe(`not valid JSON: trailing comma before } (in element 3, which starts at line ${start.line}, column ${start.column})`);
    const p = r.errors[0]!.problems[0]!;
    expect(p.code).toBe('input-not-json');
    expect(at(text, p.line!, p.column!)).toMatch(/^\}/);
    expect(at(text, p.line! - 1, 1)).toContain('"bogus": 1,');
  });

  test('a missing comma between elements names the element it follows', () => {
    const text = JSON.stringify(RECORDS.slice(0, 2), null, 2).replace('},\n  {', '}\n  {');
    writeFileSync(join(dir, 'no-comma.json'), text);
    const [e] = report(['no-comma.json']).errors;
    expect(e!.message).toBe("not valid JSON: expected ',' or ']' (after element 0, which starts at line 2, column 3)");
    expect(at(text, e!.problems[0]!.line!, e!.problems[0]!.column!)).toMatch(/^\{/);
  });
});
