import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { escapeControls, plainText } from '../../src/formats/plain-text.js';

/**
 * Records and file names are data from outside: nothing in them may reach a terminal as a control
 * sequence (clear screen, window title, hidden text) or start a line a CI runner reads as a
 * workflow command.
 */
const EVIL_NAME = 'Eve \u001b]0;pwned-title\u0007Mallory\u001b[2J\u001b[8mhidden\u001b[0m \u009b31m\u202eevil';
const EVIL_FILE = 'x\n::error::pwned\u001b[2J.ndjson';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dprk-hostile-'));
  const rec = (id: string) => ({
    id,
    name: { full: EVIL_NAME },
    contact: { emails: [`${id}@mailinator.com`] },
    payroll: { method: 'crypto', cryptoWallet: '0x52908400098527886E0F7030069857D2E4169EE7' },
  });
  writeFileSync(join(dir, EVIL_FILE), `${JSON.stringify(rec('cand-1'))}\n{"id": "cand-2", "name": \n${JSON.stringify(rec('cand-3'))}\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a terminal would act on: any ESC, BEL, C1 or bidi control left after chalk's own colour codes. */
const CHALK_SGR = /\u001b\[\d+(?:;\d+)*m/g;
const controls = (s: string) => s.replace(CHALK_SGR, '').match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g) ?? [];
const commandLines = (s: string) => s.split('\n').filter((l) => /^\s*::/.test(l));

describe('hostile names and file names', () => {
  test('escapeControls shows every control character as a visible escape', () => {
    expect(escapeControls('a\nb\r\tc\u001b[2J\u0007\u009b\u202e')).toBe('a\\nb\\r\\tc\\x1b[2J\\x07\\x9b\\u202e');
    expect(plainText('x\u009b31m\u202ey')).toBe('x31my');
  });

  test.each([true, false])('text on a terminal (colour %s): no control sequence from a record, the name shown escaped', async (tty) => {
    const r = await runCli([EVIL_FILE, ...(tty ? ['--color'] : [])], { cwd: dir, isTTY: tty });
    expect(r.code).toBe(2);
    expect(controls(r.stdout)).toEqual([]);
    expect(controls(r.stderr)).toEqual([]);
    expect(r.stdout).toContain('\\x1b]0;pwned-title\\x07Mallory');
    expect(commandLines(r.stdout)).toEqual([]);
    expect(commandLines(r.stderr)).toEqual([]);
  });

  test('stderr lines that echo file names never start a workflow command', async () => {
    const r = await runCli([EVIL_FILE, '-f', 'json:out.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('x\\n::error::pwned\\x1b[2J.ndjson#2');
    expect(commandLines(r.stderr)).toEqual([]);
    expect(controls(r.stderr)).toEqual([]);
    // Files that cannot be read, and merge inputs, are echoed the same way.
    const missing = await runCli(['merge', 'no\n::warning::such.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(commandLines(missing.stderr)).toEqual([]);
  });

  test('github annotations: one line per annotation, whatever the names hold', async () => {
    const r = await runCli([EVIL_FILE, '-f', 'github', '--no-redact'], { cwd: dir });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.every((l) => /^::(error|warning|notice) /.test(l))).toBe(true);
    expect(lines.filter((l) => l.startsWith('::error::'))).toEqual([]);
    expect(controls(r.stdout)).toEqual([]);
  });

  test.each(['markdown', 'csv', 'junit', 'sarif'])('%s: no control characters from records or file names', async (format) => {
    const r = await runCli([EVIL_FILE, '-f', `${format}:out.${format}`, '--no-redact'], { cwd: dir });
    expect(r.code).toBe(2);
    const out = readFileSync(join(dir, `out.${format}`), 'utf8');
    // JSON (sarif) escapes control characters itself; the text inside must be clean once parsed.
    expect(
      controls(format === 'sarif' ? JSON.stringify(JSON.parse(out), (_k, v) => v, 0).replace(/\\u00[0-9a-f]{2}/g, '') : out).filter((c) => c !== '\r'),
    ).toEqual([]);
    if (format === 'markdown' || format === 'csv') expect(commandLines(out)).toEqual([]);
  });
});
