import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { run } from '../../src/cli/program.js';
import { writePiiRules } from '../helpers/pii-rules.js';
import { PII_APPLICANT, unescapeAll } from '../helpers/fixture-report.js';
import { memoryIO } from '../helpers/memory-io.js';
import { parseCsv } from '../helpers/csv-parse.js';

// Several reports from one in-process run: a temp rule pack, a temp export with a PII-rich
// applicant, a clean one and an invalid one.
let rulesDir: string;
let dir: string;
const PII = [
  'Jordan A. Miller',
  'Kevin Douglas Hart',
  'jordan.miller1991@example.com',
  '+1 614 555 0142',
  '203.0.113.77',
  '12 Elm St',
  '0x52908400098527886E0F7030069857D2E4169EE7',
];
const leaks = (text: string) => PII.filter((p) => unescapeAll(text).includes(p));

beforeAll(() => {
  rulesDir = writePiiRules();
  dir = mkdtempSync(join(tmpdir(), 'dprk-e2e-'));
  const clean = { id: 'cand-7', name: { full: 'Sam Clean' } };
  const invalid = { id: 'cand-8' };
  writeFileSync(join(dir, 'export.json'), JSON.stringify([PII_APPLICANT, clean, invalid], null, 2));
});

afterAll(() => {
  rmSync(rulesDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

const base = () => ['--no-builtin-rules', '--rules', rulesDir, 'export.json'];
const read = (f: string) => readFileSync(join(dir, f), 'utf8');

describe('dprk-check with several outputs', () => {
  test('writes every format in one run; sarif, junit and github are redacted by default', async () => {
    const m = memoryIO(dir);
    const code = await run(
      [
        ...base(),
        '-f',
        'text',
        '-f',
        'sarif:out.sarif',
        '-f',
        'junit:junit.xml',
        '-f',
        'csv:out.csv',
        '-f',
        'github:gh.txt',
        '-f',
        'markdown:summary.md',
        '-f',
        'json:out.json',
      ],
      m.io,
    );
    expect(code).toBe(2); // one record could not be checked
    expect(m.stdout()).toContain('cand-1042');
    expect(m.stdout()).toContain('export.json[2]');
    for (const f of ['out.sarif', 'junit.xml', 'gh.txt']) expect({ f, leaks: leaks(read(f)) }).toEqual({ f, leaks: [] });
    expect(leaks(read('out.json')).length).toBeGreaterThan(0);
    expect(parseCsv(read('out.csv')).find((r) => r[0] === 'cand-1042')![1]).toBe('Jordan A. Miller');
    const sarif = JSON.parse(read('out.sarif'));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('payroll.crypto-payout');
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('export.json');
    expect(XMLValidator.validate(read('junit.xml'))).toBe(true);
    expect(read('gh.txt')).toMatch(/^::error file=export\.json,title=dprk-check%3A critical risk%2C applicant cand-1042::/m);
    expect(read('summary.md')).toContain('| cand-1042 | **critical** |');
    expect(JSON.parse(read('out.json')).errors[0].source).toBe('export.json[2]');
    expect(m.stderr()).toContain('sarif report written to out.sarif');
  });

  test('--redact masks json and csv too; --no-redact keeps personal data in sarif', async () => {
    expect(await run([...base(), '-f', 'json:r.json', '-f', 'csv:r.csv', '--redact'], memoryIO(dir).io)).toBe(2);
    expect(leaks(read('r.json'))).toEqual([]);
    expect(leaks(read('r.csv'))).toEqual([]);
    expect(await run([...base(), '-f', 'sarif:plain.sarif', '--no-redact'], memoryIO(dir).io)).toBe(2);
    expect(read('plain.sarif')).toContain('Kevin Douglas Hart');
  });

  test('-o writes the single format to a file, nothing on stdout', async () => {
    const m = memoryIO(dir);
    expect(await run([...base(), '-f', 'junit', '-o', 'only.xml'], m.io)).toBe(2);
    expect(m.stdout()).toBe('');
    expect(XMLValidator.validate(read('only.xml'))).toBe(true);
  });

  test('an unknown format fails before anything is read or written, listing the formats', async () => {
    const m = memoryIO(dir);
    expect(await run([...base(), '-f', 'text', '-f', 'xml:x.xml', '-f', 'sarif:never.sarif'], m.io)).toBe(2);
    expect(m.stderr()).toContain("dprk-check: unknown format 'xml'. Formats: text, json, sarif, junit, csv, markdown, github");
    expect(m.stdout()).toBe('');
    expect(existsSync(join(dir, 'never.sarif'))).toBe(false);
  });

  test('two formats on standard output is a usage error', async () => {
    const m = memoryIO(dir);
    expect(await run([...base(), '-f', 'json', '-f', 'csv'], m.io)).toBe(2);
    expect(m.stderr()).toContain('only one format can go to standard output');
  });

  test('a clean run exits 0 and writes the same formats', async () => {
    writeFileSync(join(dir, 'clean.json'), JSON.stringify({ id: 'cand-9', name: { full: 'Sam Clean' } }));
    const m = memoryIO(dir);
    expect(await run(['--no-builtin-rules', '--rules', rulesDir, 'clean.json', '-f', 'sarif:c.sarif', '-f', 'junit:c.xml'], m.io)).toBe(0);
    expect(JSON.parse(read('c.sarif')).runs[0].results).toEqual([]);
    expect(read('c.xml')).toContain('<testcase name="cand-9"');
  });
});
