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

describe.each(['pretty.json', 'compact.json'] as const)('problems in elements of %s', (file) => {
  test('each error names the file, the element index and the line and column where the element starts', () => {
    const r = report([file]);
    expect(r.summary).toMatchObject({ total: 5, evaluated: 2, invalid: 3 });
    const starts = elementStarts(file);
    expect(starts).toHaveLength(RECORDS.length);
    expect(r.errors.map((e) => [e.source, e.message])).toEqual([
      [`${file}[1]`, `element 1 (line ${starts[1]!.line}, column ${starts[1]!.column}): invalid applicant record (1 problem)`],
      [`${file}[2]`, `element 2 (line ${starts[2]!.line}, column ${starts[2]!.column}) is a string, not an applicant object`],
      [`${file}[3]`, `element 3 (line ${starts[3]!.line}, column ${starts[3]!.column}): invalid applicant record (1 problem)`],
    ]);
    // The element really starts there in the file.
    const text = FILES[file];
    expect(at(text, starts[1]!.line, starts[1]!.column)).toMatch(/^\{/);
    expect(at(text, starts[2]!.line, starts[2]!.column)).toMatch(/^"not an applicant"/);
  });

  test('each problem points at the offending value in the file, as on an NDJSON line', () => {
    const text = FILES[file];
    const [invalid, notObject, unknown] = report([file]).errors.map((e) => e.problems[0]!);
    expect(invalid).toMatchObject({ code: 'applicant-schema', path: '/contact/emails/0' });
    expect(at(text, invalid!.line!, invalid!.column!)).toMatch(/^42\b/);
    expect(notObject).toMatchObject({ code: 'input-not-object' });
    expect(at(text, notObject!.line!, notObject!.column!)).toMatch(/^"not an applicant"/);
    expect(unknown).toMatchObject({ code: 'applicant-unknown-field', path: '/bogus' });
    expect(at(text, unknown!.line!, unknown!.column!)).toMatch(/^"bogus"/);

    const ndjson = report(['records.ndjson']).errors.map((e) => e.problems[0]!);
    expect(ndjson.map((p) => [p.code, p.path])).toEqual([invalid, notObject, unknown].map((p) => [p!.code, p!.path]));
    const lines = FILES['records.ndjson'];
    expect(at(lines, ndjson[0]!.line!, ndjson[0]!.column!)).toMatch(/^42\b/);
    expect(at(lines, ndjson[2]!.line!, ndjson[2]!.column!)).toMatch(/^"bogus"/);
  });

  test('the text report heads each error with its source and shows file:line:column for each problem', () => {
    const r = cli([file]);
    expect(r.code).toBe(2);
    const [p] = report([file]).errors[0]!.problems;
    expect(r.stdout).toContain(
      `  ${file}[1]: element 1 (line ${elementStarts(file)[1]!.line}, column ${elementStarts(file)[1]!.column}): invalid applicant record`,
    );
    expect(r.stdout).toContain(`    ${file}:${p!.line}:${p!.column}: error applicant-schema: contact.emails[0]: must be string`);
  });

  test('SARIF, GitHub annotations and JUnit place each error where its element starts, also after merge', () => {
    const starts = [1, 2, 3].map((i) => elementStarts(file)[i]!);
    const placed = (prefix: string[]) => {
      const sarif = JSON.parse(cli([...prefix, '-f', 'sarif']).stdout) as {
        runs: Array<{ invocations: Array<{ toolExecutionNotifications: Array<{ locations?: Array<{ physicalLocation: { region?: object } }> }> }> }>;
      };
      const regions = sarif.runs[0]!.invocations[0]!.toolExecutionNotifications.map((n) => n.locations?.[0]?.physicalLocation.region);
      const github = cli([...prefix, '-f', 'github'])
        .stdout.split('\n')
        .filter((l) => l.startsWith('::error '))
        .map((l) => /line=(\d+),col=(\d+)/.exec(l)?.slice(1).map(Number));
      const junit = [...cli([...prefix, '-f', 'junit']).stdout.matchAll(/<testcase name="[^"]*\[(\d+)\]"([^>]*)>/g)].map((m) => {
        const line = / line="(\d+)"/.exec(m[2]!)?.[1];
        return [Number(m[1]), line === undefined ? undefined : Number(line)];
      });
      return { regions, github, junit };
    };
    const expected = {
      regions: starts.map((s) => ({ startLine: s.line, startColumn: s.column })),
      github: starts.map((s) => [s.line, s.column]),
      junit: [1, 2, 3].map((i, k) => [i, starts[k]!.line]),
    };
    expect(placed([file])).toEqual(expected);
    cli(['-f', `json:${file}.report.json`, file]);
    expect(placed(['merge', `${file}.report.json`])).toEqual(expected);
  });

  test('SARIF and GitHub messages name the element by its index (the position is in the region / line=); others say it once', () => {
    const s = elementStarts(file)[2]!;
    const sarif = JSON.parse(cli([file, '-f', 'sarif']).stdout) as {
      runs: Array<{ invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string } }> }> }>;
    };
    const notes = sarif.runs[0]!.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text);
    expect(notes).toContain(`${file}[2]: element 2 is a string, not an applicant object`);
    expect(notes.find((n) => n.startsWith(`${file}[1]: `))).toMatch(
      /^\S+\[1\]: element 1: invalid applicant record \(1 problem\): contact\.emails\[0\]: must be string \(line \d+, column \d+\)$/,
    );
    const github = cli([file, '-f', 'github']).stdout;
    expect(github).toContain(`::${file}[2]: element 2 is a string, not an applicant object\n`);
    expect(github).toContain(`::${file}[1]: element 1: invalid applicant record (1 problem)%0A`);
    // Formats with no place of their own keep the position, once.
    const csv = cli([file, '-f', 'csv']);
    const once = `element 2 (line ${s.line}, column ${s.column}) is a string, not an applicant object`;
    expect(csv.stdout).toMatch(new RegExp(`"${once.replace(/[()[\]]/g, '\\$&')}"\r?\n`));
    expect(csv.stderr).toContain(`dprk-check: ${file}[2]: ${once}\n`);
  });

  test('--jobs 2 places them the same (the element text goes to the worker thread)', () => {
    expect(report(['--jobs', '2', file]).errors).toEqual(report([file]).errors);
  });
});

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

test('a large array: the last element is still placed exactly', () => {
  const many = Array.from({ length: 5000 }, (_, i) => ({ id: `cand-${i}`, name: { full: `Person ${i}` } }));
  many.push({ id: 'cand-last', name: { full: 'Last One' }, bogus: true } as never);
  const text = `${JSON.stringify(many, null, 2)}\n`;
  writeFileSync(join(dir, 'large.json'), text);
  const r = report(['--fail-on', 'never', 'large.json']);
  expect(r.summary).toMatchObject({ total: 5001, evaluated: 5000, invalid: 1 });
  const lines = text.split('\n');
  const startLine = lines.lastIndexOf('  {') + 1;
  expect(r.errors[0]!.source).toBe('large.json[5000]');
  expect(r.errors[0]!.message).toBe(`element 5000 (line ${startLine}, column 3): invalid applicant record (1 problem)`);
  const p = r.errors[0]!.problems[0]!;
  expect(at(text, p.line!, p.column!)).toMatch(/^"bogus"/);
});
