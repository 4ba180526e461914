import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, execSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, symlinkSync, truncateSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { STACK_FRAME } from '../helpers/cli.js';
import { phoneRule, yaml } from '../helpers/cli-rule-packs.js';
import { tempDir, writeTree } from '../helpers/temp-tree.js';

/**
 * Files read beside the main inputs, through the real process (built CLI): a FIFO with no writer
 * must not block the open (where Ctrl-C cannot reach), /dev/zero must not be read until V8 gives
 * up, a rule directory that links to itself is walked once, and standard input that never ends
 * stops at the input ceiling. Every run has a kill timer: a regression fails, never hangs.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'dprk-check.js');
const posix = process.platform !== 'win32';
let dir: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'bundle.js'))) execSync('npm run build', { cwd: ROOT, stdio: 'ignore' });
  dir = writeTree({
    'a.json': JSON.stringify({ id: 'a', name: { full: 'Ana Gomez' } }),
    'pack/network/phone-prefix.yaml': yaml(phoneRule()),
  });
  if (!posix) return;
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
  mkdirSync(join(dir, 'zero-pack'));
  symlinkSync('/dev/zero', join(dir, 'zero-pack', 'zero.yaml'));
  mkdirSync(join(dir, 'fifo-pack'));
  execFileSync('mkfifo', [join(dir, 'fifo-pack', 'waits.yaml')]);
  // A link back to its own directory: followed, it is pack/loop/loop/… until ELOOP.
  symlinkSync('.', join(dir, 'pack', 'loop'));
}, 120_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The kill timer fired: the process hung. */
  killed: boolean;
}

/** The CLI in `dir`, killed after 15 s (by default); `stdin` is what standard input is connected to. */
function run(
  args: string[],
  stdin: 'ignore' | number | ((w: NodeJS.WritableStream, done: () => boolean) => void) = 'ignore',
  killAfter = 15_000,
): Promise<Run> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [BIN, '--no-progress', ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: [typeof stdin === 'function' ? 'pipe' : stdin, 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    let exited = false;
    p.stdout.on('data', (d: Buffer) => (stdout += d));
    p.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => {
      killed = true;
      p.kill('SIGKILL');
    }, killAfter);
    if (typeof stdin === 'function' && p.stdin) {
      p.stdin.on('error', () => {}); // EPIPE once the reader has stopped
      stdin(p.stdin, () => exited);
    }
    p.on('close', (code) => {
      exited = true;
      clearTimeout(timer);
      done({ code, stdout, stderr, killed });
    });
  });
}

/** Refused: exit 2, not killed, no stack trace, and the message said. */
function refused(r: Run, message: string | RegExp) {
  expect(r.killed).toBe(false);
  expect(r.stderr + r.stdout).not.toMatch(STACK_FRAME);
  expect(r.stderr + r.stdout).toMatch(message);
  expect(r.code).toBe(2);
}

const FIFO = 'is a FIFO \\(named pipe\\), not a regular file: refused without reading';
const DEVICE = 'is a character device, not a regular file: refused without reading';
const re = (s: string) => new RegExp(s);

describe.skipIf(!posix)('a FIFO or a device beside the inputs is refused, not opened and waited on or read forever', () => {
  test.each([
    ['--allow-shared', 'fifo', `fifo: error allow-list-invalid: the --allow-shared file ${FIFO}`],
    ['--allow-shared', '/dev/zero', `/dev/zero: error allow-list-invalid: the --allow-shared file ${DEVICE}`],
    ['--people', 'fifo', `fifo: the --people file ${FIFO}`],
    ['--people', '/dev/zero', `/dev/zero: the --people file ${DEVICE}`],
    ['--ip-data', 'fifo', `IP data file /.*/fifo ${FIFO}`],
    ['--ip-data', '/dev/zero', `IP data file /dev/zero ${DEVICE}`],
    ['--rules', 'fifo.yaml', `fifo.yaml: error input-not-regular: rule file ${FIFO}`],
    ['--rules', 'zero-pack', `zero-pack/zero.yaml: error input-not-regular: rule file ${DEVICE}`],
    ['--rules', 'fifo-pack', `fifo-pack/waits.yaml: error input-not-regular: rule file ${FIFO}`],
    ['--config', 'fifo', `fifo: error config-invalid: the configuration file ${FIFO}`],
    ['--config', '/dev/zero', `/dev/zero: error config-invalid: the configuration file ${DEVICE}`],
  ])('%s %s', async (option, path, message) => {
    refused(await run([option, path, 'a.json']), re(message));
  });

  test.each([
    ['fifo', `dprk-check: fifo ${FIFO}`],
    ['/dev/zero', `dprk-check: /dev/zero ${DEVICE}`],
  ])('merge %s', async (path, message) => {
    refused(await run(['merge', path]), re(message));
  });

  test('merge of a 300 MB file without a line break: refused at the ceiling, not buffered until V8 gives up', async () => {
    // Sparse: 300 MB of zeros that take no disk.
    closeSync(openSync(join(dir, 'sparse.json'), 'w'));
    truncateSync(join(dir, 'sparse.json'), 300 * 1024 * 1024);
    refused(
      await run(['merge', 'sparse.json']),
      /^dprk-check: sparse\.json is 300 MB; the limit is 256 MB for a report not laid out as --format json writes it, which is parsed whole/,
    );
  });

  test.each([
    ['fifo', `dprk-check: watchlist import: fifo ${FIFO}`],
    ['/dev/zero', `dprk-check: watchlist import: /dev/zero ${DEVICE}`],
  ])('watchlist import %s', async (path, message) => {
    refused(await run(['watchlist', 'import', path, '--out', 'imported']), re(message));
  });

  test.each([
    ['fifo', 'the history database fifo is a FIFO \\(named pipe\\), not a regular file: refused without opening'],
    ['/dev/zero', 'the history database /dev/zero is a character device, not a regular file: refused without opening'],
  ])('--history %s: refused before SQLite opens it (no -journal beside it)', async (path, message) => {
    refused(await run(['--history', path, 'a.json']), re(message));
    if (path === 'fifo') expect(existsSync(join(dir, 'fifo-journal'))).toBe(false);
  });
});

describe.skipIf(!posix)('rule directories and standard input', () => {
  test('a rule directory with a link to itself is walked once: the pack loads', async () => {
    const r = await run(['--no-builtin-rules', '--rules', 'pack', 'a.json']);
    expect(r.killed).toBe(false);
    expect(r.stderr).not.toMatch(/loop/);
    expect(r.stdout).toMatch(/rules \w+ \(1 rule\)/);
    expect(r.code).toBe(0);
  });

  test('standard input that is a directory is said to be one, not "empty"', async () => {
    const fd = openSync(tempDir('dprk-stdin-dir-'), 'r');
    try {
      const r = await run(['-'], fd);
      refused(r, /<stdin>: standard input is a directory, not a file or a pipe: nothing to read/);
      expect(r.stdout).not.toMatch(/empty/);
    } finally {
      closeSync(fd);
    }
  });

  test('standard input that never ends (zeros, no line break) stops at the 128 MB ceiling with a message', async () => {
    const zeros = Buffer.alloc(1 << 20);
    const r = await run(['-f', 'json', '-'], (w, exited) => {
      // Written as fast as it is read, until the process stops reading and leaves.
      const pump = () => {
        while (!exited() && w.write(zeros));
        if (!exited()) w.once('drain', pump);
      };
      pump();
    });
    expect(r.killed).toBe(false);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { errors: Array<{ source: string; message: string }> };
    expect(report.errors).toEqual([
      expect.objectContaining({
        message: 'line 1 runs on for more than 128 MB without a line break: reading stopped there (no record or JSON document is that long)',
      }),
    ]);
  }, 30_000);

  // About two minutes (45 million lines are read one at a time), so only when asked for:
  // DPRK_CHECK_HEAVY_TESTS=1 npx vitest run test/e2e/side-files.test.ts
  test.runIf(process.env.DPRK_CHECK_HEAVY_TESTS)(
    'a 90 MB document of 46 million two-byte lines is read, not a V8 abort (three array entries a line passed its limit)',
    async () => {
      const fd = openSync(join(dir, 'tall.json'), 'w');
      writeSync(fd, '[\n');
      const chunk = '1\n,\n'.repeat(1 << 20);
      for (let i = 0; i < 22; i++) writeSync(fd, chunk);
      writeSync(fd, 'x\n]\n');
      closeSync(fd);
      const r = await run(['-f', 'json', 'tall.json'], 'ignore', 500_000);
      expect(r.killed).toBe(false);
      expect(r.code).toBe(2);
      const report = JSON.parse(r.stdout) as { errors: Array<{ message: string }> };
      expect(report.errors.map((e) => e.message)).toEqual([
        "not valid JSON: unexpected character 'x' (in element 23068672, which starts at line 46137346, column 1)",
      ]);
    },
    520_000,
  );
});
