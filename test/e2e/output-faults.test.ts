import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { STACK_FRAME } from '../helpers/cli.js';
// @ts-expect-error plain JavaScript, no types
import { generate } from '../../bench/generate.js';

/**
 * Output failures of the real process (built CLI): a full disk, a closed standard output, a reader
 * that goes away, SIGTERM mid-run. One message and exit 2, or a quiet end for `| head`; a file
 * target is complete or untouched, never truncated.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'dprk-check.js');
const FLAGGED = join(ROOT, 'fixtures', 'flagged-payroll.json');
let dir: string;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'bundle.js'))) execSync('npm run build', { cwd: ROOT, stdio: 'ignore' });
  dir = mkdtempSync(join(tmpdir(), 'dprk-faults-'));
  await generate(join(dir, 'many.ndjson'), 400);
  await generate(join(dir, 'more.ndjson'), 6000, 7);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sh = (script: string) =>
  spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CHECK: `${process.execPath} ${BIN} --no-progress` } });

const oneMessage = (stderr: string, text: string) => {
  expect(stderr).not.toMatch(STACK_FRAME);
  expect(stderr.trim().split('\n')).toEqual([expect.stringContaining(text)]);
};

describe('a bare --version (bin/dprk-check.js answers it from its own small bundle)', () => {
  const bare = (rest: string) => sh(`${process.execPath} ${BIN} --version ${rest}`);

  test('prints what the program prints for --version, exit 0', () => {
    const fast = bare('');
    // With another argument the program itself answers.
    const program = sh('$CHECK --version');
    expect(fast.status).toBe(0);
    expect(program.status).toBe(0);
    expect(fast.stdout).toBe(program.stdout);
    expect(fast.stdout).toMatch(/^\d+\.\d+\.\d+\nIP → country: /);
  });

  test.each([
    ['> /dev/full', 'cannot write to standard output: ENOSPC'],
    ['>&-', 'cannot write to standard output: EBADF'],
  ])('%s: one message, exit 2, as the program', (redirect, text) => {
    const r = bare(redirect);
    expect(r.status).toBe(2);
    oneMessage(r.stderr, text);
    expect(sh(`$CHECK --version ${redirect}`).stderr).toBe(r.stderr);
  });

  test('| true (the reader has gone): quiet, exit 0', () => {
    const r = bare('| true; echo "status=${PIPESTATUS[0]}"');
    expect(r.stdout).toBe('status=0\n');
    expect(r.stderr).toBe('');
  });
});

describe('standard output that cannot be written', () => {
  test.each(['text', 'json', 'sarif'])('> /dev/full (-f %s): one message, exit 2', (format) => {
    const r = sh(`$CHECK -f ${format} ${FLAGGED} > /dev/full`);
    expect(r.status).toBe(2);
    oneMessage(r.stderr, `cannot write the ${format} report to standard output: ENOSPC`);
  });

  test('a closed standard output (>&-): one message, exit 2, not a lost report with exit 1', () => {
    const r = sh(`$CHECK ${FLAGGED} >&-`);
    expect(r.status).toBe(2);
    oneMessage(r.stderr, 'cannot write the text report to standard output: EBADF');
  });

  test('> /dev/null is a choice, not a failure', () => {
    expect(sh(`$CHECK ${FLAGGED} > /dev/null`).status).toBe(1);
  });

  test('| head -1 ends quietly, with the exit code of what was found', () => {
    const r = sh(`$CHECK -f json many.ndjson | head -1; echo "status=\${PIPESTATUS[0]}"`);
    expect(r.stdout).toMatch(/^\{\nstatus=[01]\n$/);
    expect(r.stderr).toBe('');
  });

  test('a file target on a full device: one message, exit 2, the device left as it is', () => {
    const r = sh(`$CHECK -f json:/dev/full ${FLAGGED}`);
    expect(r.status).toBe(2);
    oneMessage(r.stderr, 'cannot write the json report to /dev/full: ENOSPC');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  test('-o /dev/stdout writes through, it does not replace the link', () => {
    const r = sh(`$CHECK -f csv -o /dev/stdout ${FLAGGED} | head -c 3 | od -An -tx1`);
    expect(r.stdout.trim()).toBe('ef bb bf');
  });
});

describe('file targets: complete or untouched', () => {
  test('a target that fails mid-write leaves the other targets written whole, one message, exit 2', () => {
    writeFileSync(join(dir, 'earlier.json'), 'earlier report');
    const r = sh(`$CHECK -f json:/dev/full -f csv:earlier.json ${FLAGGED}`);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot write the json report to /dev/full: ENOSPC');
    expect(r.stderr).not.toMatch(STACK_FRAME);
    // The other target is still written, whole.
    expect(readFileSync(join(dir, 'earlier.json'), 'utf8')).toMatch(/^\uFEFFid,name/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('a target whose directory cannot hold it: refused before the run, every earlier file untouched, exit 2', () => {
    writeFileSync(join(dir, 'earlier.json'), 'earlier report');
    writeFileSync(join(dir, 'blocker'), 'a file, not a directory');
    const r = sh(`$CHECK -f json:blocker/r.json -f csv:earlier.json ${FLAGGED}`);
    expect(r.status).toBe(2);
    oneMessage(r.stderr, 'cannot write the json report to blocker/r.json: blocker is not a directory; nothing was read');
    expect(readFileSync(join(dir, 'earlier.json'), 'utf8')).toBe('earlier report');
  });

  test('SIGTERM mid-run: a complete partial report at the file target (or none), exit 143', async () => {
    const child = spawn(process.execPath, [BIN, '--no-progress', '-f', 'json:term.json', 'more.ndjson'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Listened for from the start: a fast machine finishes before the signal, and a 'close' already
    // emitted would never resolve a listener added after it (the test then timed out).
    const closed = new Promise<number | null>((r) => child.on('close', r));
    await new Promise((r) => setTimeout(r, 2000));
    child.kill('SIGTERM');
    const code = await closed;
    expect(stderr).not.toMatch(STACK_FRAME);
    if (code === 143) {
      const report = JSON.parse(readFileSync(join(dir, 'term.json'), 'utf8'));
      expect(report.interrupted).toBe(true);
      expect(report.summary.total).toBe(report.applicants.length + report.errors.length);
      expect(stderr).toContain('interrupted after');
    } else if (code === null) {
      // A loaded machine had not yet started the CLI's own code: nothing was written at all.
      expect(existsSync(join(dir, 'term.json'))).toBe(false);
    } else {
      // The machine was fast: the run finished before the signal.
      expect([0, 1]).toContain(code);
      expect(JSON.parse(readFileSync(join(dir, 'term.json'), 'utf8')).summary.total).toBe(6000);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);
});
