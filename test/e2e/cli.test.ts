import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { execSync, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ANSI, runCli, STACK_FRAME, type CliResult } from '../helpers/cli.js';
import { cleanupTempDirs, ruleFile, ruleYaml, writeTree } from '../helpers/rule-pack.js';
import { makeAjv } from '../../src/validate/ajv.js';
import { LEVELS, SEVERITIES, FAMILIES } from '../../src/model/levels.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

// A predictable pack, so these tests do not depend on the built-in rules.
const PACK = {
  [ruleFile('identity.doc-name')]: ruleYaml({
    id: 'identity.doc-name',
    severity: 'high',
    title: 'Document name differs',
    message: 'Document shows {{identity.documents[].nameOnDocument}}',
    match: { some: 'identity.documents[]', where: { field: 'nameOnDocument', differsFrom: '$.name.full', as: 'name' } },
  }),
  [ruleFile('payroll.crypto')]: ruleYaml({
    id: 'payroll.crypto',
    severity: 'medium',
    title: 'Paid in crypto',
    match: { field: 'payroll.method', equals: 'crypto' },
  }),
  [ruleFile('network.kvm')]: ruleYaml({
    id: 'network.kvm',
    severity: 'critical',
    title: 'IP-KVM on a work device',
    match: { field: 'network.remoteAccessTools[]', regex: '\\b(pikvm|tinypilot)\\b' },
  }),
};

const clean = {
  id: 'cand-clean',
  name: { full: 'Jordan A. Miller' },
  identity: { documents: [{ type: 'drivers_license', nameOnDocument: 'MILLER, Jordan Alexander', verified: true }] },
  payroll: { method: 'bank', bank: { holderName: 'Jordan Miller', country: 'US' } },
  network: { remoteAccessTools: [] },
};
const flaggedHigh = { ...clean, id: 'cand-high', identity: { documents: [{ type: 'passport', nameOnDocument: 'Kevin Douglas Hart' }] } };
const flaggedMedium = { ...clean, id: 'cand-medium', payroll: { method: 'crypto' } };
const flaggedCritical = { ...clean, id: 'cand-critical', network: { remoteAccessTools: ['PiKVM v4'] } };

let dir: string;
let pack: string;
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

beforeAll(() => {
  dir = writeTree({
    'clean.json': json(clean),
    'high.json': json(flaggedHigh),
    'medium.json': json(flaggedMedium),
    'critical.json': json(flaggedCritical),
    'batch.json': json([clean, flaggedHigh, { id: 'broken' }, flaggedMedium]),
    'not-json.json': '{\n  "id": "x",\n  name: 1\n}\n',
    'empty.json': '',
    'number.json': '42',
    'schema-bad.json': json({ id: 'cand-bad', name: { full: 'X' }, claimedLocation: { country: 'usa' } }),
    'unknown-field.json': json({ ...clean, id: 'cand-unknown', nationality: 'KP' }),
    'huge.json': json({ id: 'cand-huge', name: { full: 'x'.repeat(5000) } }),
    'sub/.keep': '',
  });
  pack = writeTree({ ...PACK });
});
afterAll(cleanupTempDirs);

const cli = (args: string[], opts: { stdin?: string; env?: Record<string, string | undefined>; isTTY?: boolean } = {}) =>
  runCli(['--no-builtin-rules', '--rules', pack, ...args], { cwd: dir, ...opts });

function noStack(r: CliResult): void {
  expect(r.stderr).not.toMatch(STACK_FRAME);
  expect(r.stdout).not.toMatch(STACK_FRAME);
  expect(r.stderr).not.toContain('internal error');
}

describe('exit codes', () => {
  test('0 for a clean applicant', async () => {
    const r = await cli(['clean.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Applicant cand-clean');
    expect(r.stdout).toContain('Risk: NONE');
  });

  test('1 for a flagged applicant (high, at the default --fail-on high)', async () => {
    const r = await cli(['high.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Document name differs');
    expect(r.stdout).toContain('Document shows Kevin Douglas Hart');
    expect(r.stdout).toContain('Risk: HIGH');
  });

  test('a medium applicant passes the default threshold', async () => {
    expect((await cli(['medium.json'])).code).toBe(0);
  });

  test('--fail-on moves the threshold', async () => {
    expect((await cli(['--fail-on', 'medium', 'medium.json'])).code).toBe(1);
    expect((await cli(['--fail-on', 'low', 'medium.json'])).code).toBe(1);
    expect((await cli(['--fail-on', 'critical', 'high.json'])).code).toBe(0);
    expect((await cli(['--fail-on', 'critical', 'critical.json'])).code).toBe(1);
    expect((await cli(['--fail-on', 'never', 'critical.json'])).code).toBe(0);
    expect((await cli(['--fail-on', 'low', 'clean.json'])).code).toBe(0);
  });

  test('an invalid --fail-on value exits 2', async () => {
    const r = await cli(['--fail-on', 'severe', 'clean.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('severe');
  });

  test('with several files, the worst one decides', async () => {
    expect((await cli(['clean.json', 'medium.json'])).code).toBe(0);
    expect((await cli(['clean.json', 'high.json'])).code).toBe(1);
  });

  test('2 wins over 1: a flagged applicant plus a broken record', async () => {
    const r = await cli(['high.json', 'not-json.json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Applicant cand-high');
  });
});

describe('invalid input exits 2 with one clear message and no stack trace', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['missing file', ['nope.json'], /nope\.json: no such file/],
    ['empty file', ['empty.json'], /empty\.json: the (file|input) is empty/],
    ['not JSON', ['not-json.json'], /not-json\.json:3:3: not valid JSON: expected a "quoted" key/],
    ['JSON that is not an object', ['number.json'], /holds a number/],
    ['schema violation', ['schema-bad.json'], /schema-bad\.json:\d+:\d+: error applicant-schema: claimedLocation\.country: must be an ISO 3166-1 alpha-2/],
    ['unknown field (strict)', ['unknown-field.json'], /unknown field 'nationality'/],
    ['huge string', ['huge.json'], /name\.full: is too long/],
  ];
  test.each(cases)('%s (text report)', async (_name, args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(message);
    expect(r.stdout).toContain('could not be checked');
    noStack(r);
  });

  test.each(cases)('%s (json report: error on stderr, record in errors[])', async (_name, args) => {
    const r = await cli(['--format', 'json', ...args]);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.errors).toHaveLength(1);
    // A missing or empty file is an input that could not be read, not a record (issue 8).
    const inputError = _name === 'missing file' || _name === 'empty file';
    expect(report.summary).toMatchObject(inputError ? { total: 0, evaluated: 0, invalid: 0, unreadable: 1 } : { total: 1, evaluated: 0, invalid: 1 });
    expect(r.stderr).toMatch(/^dprk-check: .+: .+\n$/);
    noStack(r);
  });

  test('a directory with no applicant files is not a pass: exit 2 and it says so', async () => {
    const r = await cli(['sub']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no applicant records found in sub/);
    noStack(r);
  });

  test('--no-strict turns unknown fields into a warning and checks the record', async () => {
    const r = await cli(['--no-strict', 'unknown-field.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("warning: unknown field 'nationality'");
    const j = JSON.parse((await cli(['--no-strict', '--format', 'json', 'unknown-field.json'])).stdout);
    expect(j.applicants[0].warnings).toEqual(["unknown field 'nationality'"]);
  });

  test('no input at all exits 2', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no input');
  });

  test('in a batch, one broken record is reported and the rest are still checked', async () => {
    const r = await cli(['--format', 'json', 'batch.json']);
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout);
    expect(j.applicants.map((a: { id: string }) => a.id)).toEqual(['cand-clean', 'cand-high', 'cand-medium']);
    expect(j.errors.map((e: { source: string }) => e.source)).toEqual(['batch.json[2]']);
    expect(j.errors[0].problems[0].message).toContain("missing required field 'name'");
  });
});

describe('broken rules exit 2 before anything is checked', () => {
  test('an unsafe regex in a --rules pack: file:line and exit 2', async () => {
    const bad = writeTree({ [ruleFile('network.bad')]: ruleYaml({ id: 'network.bad', match: { field: 'resume.text', regex: '(?=a)a' } }) });
    const r = await runCli(['--no-builtin-rules', '--rules', bad, 'clean.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/network\/bad\.yaml:\d+:\d+: error \[network\.bad\] rule-unsafe-regex: unsafe regex/);
    expect(r.stderr).toContain('nothing was checked');
    expect(r.stdout).toBe('');
    noStack(r);
  });

  test('a YAML error and an unknown field in two files are both listed', async () => {
    const bad = writeTree({
      [ruleFile('identity.one')]: 'title: [unclosed\n',
      [ruleFile('identity.two')]: ruleYaml({ id: 'identity.two', match: { field: 'name.ful', exists: true } }),
    });
    const r = await runCli(['--no-builtin-rules', '--rules', bad, 'clean.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/one\.yaml:\d+:\d+: error yaml-syntax: YAML/);
    expect(r.stderr).toMatch(/two\.yaml:\d+:\d+: error \[identity\.two\] rule-unknown-field: unknown field 'name\.ful'/);
    expect(r.stderr).toContain("did you mean 'name.full'?");
  });

  test('--rules to a path that does not exist', async () => {
    const r = await runCli(['--no-builtin-rules', '--rules', 'no-such-dir', 'clean.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rule path does not exist');
  });

  test('--no-builtin-rules without --rules', async () => {
    const r = await runCli(['--no-builtin-rules', 'clean.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nothing to check with');
  });
});

describe('--format json follows the report contract', () => {
  let r: CliResult;
  let report: Record<string, any>;
  beforeAll(async () => {
    r = await cli(['--format', 'json', 'clean.json', 'high.json', 'medium.json', 'critical.json', 'not-json.json']);
    report = JSON.parse(r.stdout);
  });

  test('exit code and top-level keys', () => {
    expect(r.code).toBe(2);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['tool', 'summary', 'applicants', 'links', 'errors']));
    expect(report.tool).toMatchObject({ name: 'dprk-check', version: VERSION, rulesVersion: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(Array.isArray(report.links)).toBe(true);
  });

  test('summary counts add up', () => {
    const s = report.summary;
    expect(s).toEqual({ total: 5, evaluated: 4, invalid: 1, byLevel: { none: 1, low: 0, medium: 1, high: 1, critical: 1 } });
    expect(Object.keys(s.byLevel)).toEqual([...LEVELS]);
    expect(s.total).toBe(s.evaluated + s.invalid);
    expect(Object.values(s.byLevel as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(s.evaluated);
    expect(report.applicants).toHaveLength(s.evaluated);
    expect(report.errors).toHaveLength(s.invalid);
  });

  test('applicants carry id, source, level, score, findings and notEvaluated with the right types', () => {
    for (const a of report.applicants) {
      expect(typeof a.id).toBe('string');
      expect(typeof a.source).toBe('string');
      expect(LEVELS).toContain(a.level);
      expect(Number.isInteger(a.score)).toBe(true);
      expect(Array.isArray(a.findings)).toBe(true);
      expect(Array.isArray(a.notEvaluated)).toBe(true);
      for (const n of a.notEvaluated) expect(typeof n).toBe('string');
    }
    expect(report.applicants.map((a: any) => [a.id, a.source, a.level])).toEqual([
      ['cand-clean', 'clean.json', 'none'],
      ['cand-high', 'high.json', 'high'],
      ['cand-medium', 'medium.json', 'medium'],
      ['cand-critical', 'critical.json', 'critical'],
    ]);
  });

  test('findings have ruleId, family, severity, title, evidence[], references[], next', () => {
    const findings = report.applicants.flatMap((a: any) => a.findings);
    expect(findings.map((f: any) => f.ruleId).sort()).toEqual(['identity.doc-name', 'network.kvm', 'payroll.crypto']);
    for (const f of findings) {
      expect(typeof f.ruleId).toBe('string');
      expect(FAMILIES).toContain(f.family);
      expect(SEVERITIES).toContain(f.severity);
      expect(typeof f.title).toBe('string');
      expect(typeof f.next).toBe('string');
      expect(f.evidence.length).toBeGreaterThan(0);
      for (const e of f.evidence) expect(typeof e).toBe('string');
      expect(f.references).toEqual(['https://example.org/ref']);
    }
    const doc = findings.find((f: any) => f.ruleId === 'identity.doc-name');
    expect(doc.evidence[0]).toBe('Document shows Kevin Douglas Hart');
    expect(doc.evidence.some((e: string) => e.includes('identity.documents[0].nameOnDocument') && e.includes('Kevin Douglas Hart'))).toBe(true);
  });

  test('errors carry source and message', () => {
    expect(report.errors).toEqual([expect.objectContaining({ source: 'not-json.json', message: expect.stringContaining('not valid JSON') })]);
    expect(report.errors[0].problems[0]).toMatchObject({ code: 'input-not-json', line: 3, column: 3 });
  });

  test('the report is plain JSON: no ANSI codes even when colour is forced', async () => {
    const forced = await cli(['--format', 'json', 'high.json'], { env: { FORCE_COLOR: '1' }, isTTY: true });
    expect(forced.stdout).not.toMatch(ANSI);
    expect(() => JSON.parse(forced.stdout)).not.toThrow();
  });

  test('notEvaluated names checks that had no data', async () => {
    const bare = await cli(['--format', 'json', '-'], { stdin: JSON.stringify({ id: 'bare', name: { full: 'A B' } }) });
    const a = JSON.parse(bare.stdout).applicants[0];
    expect(a.level).toBe('none');
    expect(a.notEvaluated).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^identity\.\*: no identity data/),
        expect.stringMatching(/^payroll\.\*: no payroll data/),
        expect.stringMatching(/^network\.\*: no network data/),
      ]),
    );
  });
});

describe('standard input', () => {
  test('- reads one applicant from stdin', async () => {
    const r = await cli(['--format', 'json', '-'], { stdin: JSON.stringify(flaggedHigh) });
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.applicants[0]).toMatchObject({ id: 'cand-high', source: expect.stringMatching(/^<stdin>(#1)?$/) });
  });

  test('- with broken input gives the position and exit 2', async () => {
    const r = await cli(['-'], { stdin: '{\n  "id": "x"\n' });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('<stdin>:3:1: not valid JSON: unexpected end of input: missing }');
    noStack(r);
  });
});

describe('colour', () => {
  test('FORCE_COLOR gives ANSI codes in the text report', async () => {
    const r = await cli(['high.json'], { env: { FORCE_COLOR: '1' } });
    expect(r.stdout).toMatch(ANSI);
  });

  test('NO_COLOR gives none, even on a terminal and with FORCE_COLOR', async () => {
    expect((await cli(['high.json'], { env: { NO_COLOR: '1' }, isTTY: true })).stdout).not.toMatch(ANSI);
    expect((await cli(['high.json'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' }, isTTY: true })).stdout).not.toMatch(ANSI);
  });

  test('--no-color gives none, even with FORCE_COLOR on a terminal', async () => {
    expect((await cli(['--no-color', 'high.json'], { env: { FORCE_COLOR: '1' }, isTTY: true })).stdout).not.toMatch(ANSI);
  });

  test('a terminal gets colour by default; a pipe does not', async () => {
    expect((await cli(['high.json'], { isTTY: true, env: { TERM: 'xterm' } })).stdout).toMatch(ANSI);
    expect((await cli(['high.json'], { isTTY: false })).stdout).not.toMatch(ANSI);
  });

  test('rule diagnostics on stderr follow the same switches', async () => {
    const bad = writeTree({ [ruleFile('network.bad')]: ruleYaml({ id: 'network.bad', match: { field: 'resume.txt', exists: true } }) });
    const coloured = await runCli(['--no-builtin-rules', '--rules', bad, 'clean.json'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    const plain = await runCli(['--no-builtin-rules', '--rules', bad, 'clean.json'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(coloured.stderr).toMatch(ANSI);
    expect(plain.stderr).not.toMatch(ANSI);
  });
});

describe('text report', () => {
  test('says these are signals to verify, not a verdict, and shows the next step and source', async () => {
    const r = await cli(['high.json']);
    expect(r.stdout).toContain('not a verdict');
    expect(r.stdout).toContain('Nothing to verify: this is a test rule.');
    expect(r.stdout).toContain('https://example.org/ref');
    expect(r.stdout).toMatch(/score \d+\/100/);
  });

  test('--output writes the report to a file and nothing to stdout', async () => {
    const r = await cli(['--format', 'json', '--output', 'out.json', 'high.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).applicants[0].id).toBe('cand-high');
  });

  test('--output into a directory that does not exist: exit 2 and a plain message, before anything is read', async () => {
    const r = await cli(['--output', 'no-such-dir/out.json', 'clean.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'dprk-check: cannot write the text report to no-such-dir/out.json: the directory no-such-dir does not exist (create it first: mkdir -p no-such-dir); nothing was read\n',
    );
    noStack(r);
  });
});

describe('schema, help, version, usage errors', () => {
  test('schema prints a valid JSON Schema without origin fields', async () => {
    const r = await runCli(['schema'], { cwd: dir });
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    const validate = makeAjv(true).compile(schema);
    expect(validate({ id: 'a', name: { full: 'B' } })).toBe(true);
    expect(validate({ id: 'a' })).toBe(false);
    const keys = [...r.stdout.matchAll(/"([A-Za-z_]+)":/g)].map((m) => m[1]!.toLowerCase());
    for (const bad of ['nationality', 'citizenship', 'ethnicity', 'language']) expect(keys).not.toContain(bad);
  });

  test('schema --derived prints the derived facts', async () => {
    const r = await runCli(['schema', '--derived'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout).properties)).toEqual(expect.arrayContaining(['phones', 'sessions', 'payees']));
  });

  test('--help exits 0 and shows usage and exit codes', async () => {
    const r = await runCli(['--help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: dprk-check');
    expect(r.stdout).toContain('--fail-on');
    expect(r.stdout).toContain('Exit codes:');
  });

  test('--version exits 0 and prints the package version', async () => {
    const r = await runCli(['--version'], { cwd: dir });
    expect(r.code).toBe(0);
    // First line is the version; the data sets' dates and licences follow.
    expect(r.stdout.split('\n')[0]).toBe(VERSION);
  });

  test('an unknown option exits 2 with a message', async () => {
    const r = await runCli(['--frobnicate', 'clean.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--frobnicate'");
    noStack(r);
  });

  test('an unknown format exits 2', async () => {
    const r = await cli(['--format', 'xml', 'clean.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('xml');
  });
});

// A few runs of the real binary, to prove the launcher, real streams and process exit codes.
describe('the real binary', () => {
  const BIN = join(ROOT, 'bin', 'dprk-check.js');
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) execSync('npm run build', { cwd: ROOT, stdio: 'ignore' });
  });
  const spawn = (args: string[], input?: string) =>
    spawnSync(process.execPath, [BIN, '--no-builtin-rules', '--rules', pack, ...args], {
      cwd: dir,
      input,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    });

  test('exit 0 for a clean applicant and 1 for a flagged one', () => {
    const ok = spawn(['clean.json']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('cand-clean');
    expect(ok.stdout).not.toMatch(ANSI);
    expect(spawn(['high.json']).status).toBe(1);
  });

  test('- reads a piped applicant; JSON output parses', () => {
    const r = spawn(['--format', 'json', '-'], JSON.stringify(flaggedCritical));
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).applicants[0].level).toBe('critical');
  });

  test('bad input: exit 2, a one-line reason, no stack trace', () => {
    const r = spawn(['--format', 'json', 'not-json.json', 'nope.json']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });
});
