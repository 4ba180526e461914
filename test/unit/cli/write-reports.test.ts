import { describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planOutputs, writeReports } from '../../../src/cli/write-reports.js';
import { FORMAT_NAMES } from '../../../src/formats/index.js';
import { fixtureReport } from '../../helpers/fixture-report.js';
import { memoryIO } from '../../helpers/memory-io.js';

describe('planOutputs', () => {
  const plan = (specs: string[], o?: string) => planOutputs(specs, o);

  test('text on standard output by default; NAME:FILE to files; - is standard output', () => {
    expect(plan([])).toEqual({ ok: true, targets: [{ format: 'text' }] });
    expect(plan(['text', 'sarif:out.sarif', 'JUNIT:junit.xml'])).toEqual({
      ok: true,
      targets: [{ format: 'text' }, { format: 'sarif', file: 'out.sarif' }, { format: 'junit', file: 'junit.xml' }],
    });
    expect(plan(['json:-'])).toEqual({ ok: true, targets: [{ format: 'json' }] });
  });

  test('-o - is standard output too, as NAME:- is (not a file named "-")', () => {
    expect(plan([], '-')).toEqual({ ok: true, targets: [{ format: 'text' }] });
    expect(plan(['json', 'sarif:x.sarif'], '-')).toEqual({ ok: true, targets: [{ format: 'json' }, { format: 'sarif', file: 'x.sarif' }] });
    expect(plan(['json', 'text'], '-')).toMatchObject({ ok: false });
  });

  test('-o names the file of the one format without one', () => {
    expect(plan([], 'r.txt')).toEqual({ ok: true, targets: [{ format: 'text', file: 'r.txt' }] });
    expect(plan(['json', 'sarif:x.sarif'], 'r.json')).toEqual({
      ok: true,
      targets: [
        { format: 'json', file: 'r.json' },
        { format: 'sarif', file: 'x.sarif' },
      ],
    });
  });

  test.each([
    [['bogus'], undefined, `unknown format 'bogus'. Formats: ${FORMAT_NAMES.join(', ')}`],
    [['sarif:'], undefined, "no file after ':'"],
    [['text', 'json'], undefined, 'only one format can go to standard output, but text, json would'],
    [['text', 'json'], 'x', '-o FILE takes one format, but text, json have no file'],
    [['sarif:a.sarif'], 'x', 'every --format already names its file'],
    [['sarif:same', 'junit:./same'], undefined, 'sarif and junit would both be written to ./same'],
  ])('refuses %j -o %s', (specs, o, message) => {
    const p = plan(specs, o);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.message).toContain(message);
  });
});

describe('writeReports', () => {
  const { report, rules } = fixtureReport();

  function inTemp(fn: (dir: string) => void) {
    const dir = mkdtempSync(join(tmpdir(), 'dprk-out-'));
    try {
      fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('redaction defaults per format, overridable both ways', () => {
    inTemp((dir) => {
      const targets = FORMAT_NAMES.filter((f) => f !== 'text').map((format) => ({ format, file: `${format}.out` }));
      const has = (format: string) =>
        readFileSync(join(dir, `${format}.out`), 'utf8').includes('Jordan A. Miller') ||
        readFileSync(join(dir, `${format}.out`), 'utf8').includes('Kevin Douglas Hart');
      const m = memoryIO(dir);
      expect(writeReports(report, targets, { rules }, m.io)).toBe(0);
      expect(Object.fromEntries(targets.map((t) => [t.format, has(t.format)]))).toEqual({
        json: true,
        sarif: false,
        junit: false,
        csv: true,
        markdown: false,
        github: false,
        html: true,
      });
      expect(writeReports(report, targets, { rules, redact: true }, memoryIO(dir).io)).toBe(0);
      expect(targets.filter((t) => has(t.format))).toEqual([]);
      expect(writeReports(report, targets, { rules, redact: false }, memoryIO(dir).io)).toBe(0);
      // markdown shows no names at all; every other format does when not redacted.
      expect(targets.filter((t) => !has(t.format)).map((t) => t.format)).toEqual(['markdown']);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(m.stderr()).toContain('dprk-check: sarif report written to sarif.out');
    });
  });

  test('an unwritable file is reported and exits 2; the other files are still written', () => {
    inTemp((dir) => {
      const m = memoryIO(dir);
      const code = writeReports(
        report,
        [
          { format: 'json', file: 'missing/dir/out.json' },
          { format: 'csv', file: 'out.csv' },
        ],
        { rules },
        m.io,
      );
      expect(code).toBe(2);
      expect(m.stderr()).toContain('cannot write the json report to missing/dir/out.json: ENOENT');
      expect(existsSync(join(dir, 'out.csv'))).toBe(true);
    });
  });

  test('invalid records go to stderr when no text report is on stdout, masked if any output is', () => {
    inTemp((dir) => {
      const withPii = structuredClone(report);
      withPii.errors[0]!.message = 'broken record of jane@example.com';
      const m = memoryIO(dir);
      writeReports(withPii, [{ format: 'json' }, { format: 'sarif', file: 's.sarif' }], { rules }, m.io);
      expect(m.stderr()).toContain('dprk-check: exports/batch.ndjson#5: broken record of [email]');
      const t = memoryIO(dir);
      writeReports(withPii, [{ format: 'text' }], { rules }, t.io);
      expect(t.stderr()).toBe('');
    });
  });
});
