import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { STACK_FRAME } from '../helpers/cli.js';
// @ts-expect-error plain JavaScript, no types
import { generate } from '../../bench/generate.js';

/**
 * Writing reports never loses the user's data, never hangs and never leaves data behind (built CLI,
 * real process): a FIFO without a reader, an output that is an input, /dev/stdout redirected to a
 * file, the mode of a replaced report, a missing output directory. Anything that could block runs
 * with a timeout and its children are killed.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'dprk-check.js');
const FLAGGED = join(ROOT, 'fixtures', 'flagged-payroll.json');
const LIMIT = 20_000;
let dir: string;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'bundle.js'))) execSync('npm run build', { cwd: ROOT, stdio: 'ignore' });
  dir = mkdtempSync(join(tmpdir(), 'dprk-safety-'));
  await generate(join(dir, 'many.ndjson'), 400);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A bash script in `dir`, $CHECK the CLI; killed if it outlives LIMIT. */
const sh = (script: string) =>
  spawnSync('bash', ['-c', script], {
    cwd: dir,
    encoding: 'utf8',
    timeout: LIMIT,
    killSignal: 'SIGKILL',
    env: { ...process.env, NO_COLOR: '1', CHECK: `${process.execPath} ${BIN} --no-progress` },
  });

const oneMessage = (stderr: string, text: string) => {
  expect(stderr).not.toMatch(STACK_FRAME);
  expect(stderr.trim().split('\n')).toEqual([expect.stringContaining(text)]);
};

const fresh = (name: string): string => {
  const d = join(dir, name);
  mkdirSync(d);
  return d;
};

describe('a named pipe as the output', () => {
  test('with no reader: one message and exit 2 at once, not a blocking open for ever', () => {
    const d = fresh('fifo-alone');
    execSync('mkfifo p', { cwd: d });
    // exec: the CLI is the child the timeout kills (on the old code, a blocking open for ever).
    const r = sh(`cd fifo-alone && exec $CHECK -o p ${FLAGGED}`);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    oneMessage(r.stderr, 'cannot write the text report to p: it is a named pipe that nothing is reading');
  });

  test('with a reader: the reader gets the whole report and its end', async () => {
    const d = fresh('fifo-read');
    execSync('mkfifo p', { cwd: d });
    let reader: ChildProcess | undefined;
    try {
      // exec: the reader is the child killed in `finally`.
      reader = spawn('sh', ['-c', 'exec cat p > got.json'], { cwd: d, stdio: 'ignore' });
      const done = new Promise((r) => reader!.on('close', r));
      // The reader may not have opened the pipe yet: until it has, the CLI says so (exit 2); try again.
      const run = () => sh(`cd fifo-read && exec $CHECK -f json -o p ${FLAGGED}`);
      let r = run();
      while (r.status === 2 && r.stderr.includes('nothing is reading')) r = run();
      expect(r.status).toBe(1);
      await done;
      expect(JSON.parse(readFileSync(join(d, 'got.json'), 'utf8')).summary.total).toBe(1);
    } finally {
      reader?.kill('SIGKILL');
    }
  }, 60_000);

  test('process substitution (-o >(…), a /dev/fd/N pipe) keeps working', () => {
    fresh('subst');
    const r = sh(`cd subst && timeout -s KILL ${LIMIT / 1000} $CHECK -f json -o >(cat > got.json) ${FLAGGED}; s=$?; wait $!; echo "status=$s"`);
    expect(r.stdout).toBe('status=1\n');
    expect(r.stderr).toMatch(/json report written to \/dev\/fd\/\d+\n$/);
    expect(JSON.parse(readFileSync(join(dir, 'subst', 'got.json'), 'utf8')).summary.total).toBe(1);
  });
});

describe('an output that is one of the inputs: refused before anything is read, the input untouched', () => {
  const original = readFileSync(FLAGGED);
  test.each([
    ['-o export.json', 'it is the input export.json'],
    ['-f json:export.json', 'it is the input export.json'],
    ['-o ./sub/../export.json', 'it is the input export.json'],
    ['-o link.json', 'it is the same file as the input export.json'],
    [`-f csv:${'$PWD'}/export.json`, 'it is the input export.json'],
  ])('dprk-check export.json %s', (option, text) => {
    const d = join(dir, 'same');
    rmSync(d, { recursive: true, force: true });
    mkdirSync(join(d, 'sub'), { recursive: true });
    copyFileSync(FLAGGED, join(d, 'export.json'));
    symlinkSync('export.json', join(d, 'link.json'));
    const r = sh(`cd same && $CHECK export.json ${option}`);
    expect(r.status).toBe(2);
    oneMessage(r.stderr, text);
    expect(r.stderr).toContain('which the report would replace');
    expect(readFileSync(join(d, 'export.json')).equals(original)).toBe(true);
    expect(readdirSync(d).sort()).toEqual(['export.json', 'link.json', 'sub']);
  });

  test('an input given to an option (--people) counts too', () => {
    const d = fresh('same-option');
    copyFileSync(FLAGGED, join(d, 'export.json'));
    writeFileSync(join(d, 'people.csv'), 'id,person\n');
    const r = sh(`cd same-option && $CHECK --people people.csv export.json -f json:people.csv`);
    expect(r.status).toBe(2);
    oneMessage(r.stderr, 'it is the input people.csv');
    expect(readFileSync(join(d, 'people.csv'), 'utf8')).toBe('id,person\n');
  });

  test('merge: a report given to merge is not its output', () => {
    const d = fresh('same-merge');
    expect(sh(`cd same-merge && $CHECK -f json:r.json ${FLAGGED}`).status).toBe(1);
    const before = readFileSync(join(d, 'r.json'));
    const r = sh(`cd same-merge && $CHECK merge r.json -o r.json`);
    expect(r.status).toBe(2);
    oneMessage(r.stderr, 'it is the input r.json');
    expect(readFileSync(join(d, 'r.json')).equals(before)).toBe(true);
  });
});

describe('descriptor names are written to the descriptor, never replaced', () => {
  test.each(['/dev/stdout', '/proc/self/fd/1', '/dev/fd/1'])('-o %s >> out.txt appends to out.txt, same inode', (name) => {
    const d = fresh(`fd-${name.replace(/\W+/g, '-')}`);
    writeFileSync(join(d, 'out.txt'), 'kept\n');
    const inode = statSync(join(d, 'out.txt')).ino;
    const r = sh(`cd ${d} && exec $CHECK -f csv -o ${name} ${FLAGGED} >> out.txt`);
    expect(r.status).toBe(1);
    expect(statSync(join(d, 'out.txt')).ino).toBe(inode);
    const text = readFileSync(join(d, 'out.txt'), 'utf8');
    expect(text).toMatch(/^kept\n\uFEFFid,name/);
    expect(readdirSync(d)).toEqual(['out.txt']);
  });

  test('-o /dev/fd/5 with 5>>log appends to log', () => {
    const d = fresh('fd-5');
    writeFileSync(join(d, 'log'), 'kept\n');
    const inode = statSync(join(d, 'log')).ino;
    const r = sh(`cd ${d} && exec $CHECK -f csv -o /dev/fd/5 ${FLAGGED} 5>>log`);
    expect(r.status).toBe(1);
    expect(statSync(join(d, 'log')).ino).toBe(inode);
    expect(readFileSync(join(d, 'log'), 'utf8')).toMatch(/^kept\n\uFEFFid,name/);
  });

  test.each([3, 7, 9, 12])('-o /dev/fd/%i that the shell did not open: one message, exit 2 (Node’s own descriptors are not written into)', (fd) => {
    const r = sh(`$CHECK -f csv -o /dev/fd/${fd} ${FLAGGED}`);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    oneMessage(r.stderr, `descriptor ${fd} is not open`);
  });

  test('a second report to /dev/stdout beside the one on standard output is refused', () => {
    const r = sh(`$CHECK -f text -f json:/dev/stdout ${FLAGGED}`);
    expect(r.status).toBe(2);
    oneMessage(r.stderr, 'only one format can go to standard output, but text, json would');
  });
});

describe('a replaced report keeps the file it replaces', () => {
  test.each([
    ['600', 0o600],
    ['640', 0o640],
    ['604', 0o604],
  ])('mode %s is kept (not the umask default)', (_, mode) => {
    const d = fresh(`mode-${mode.toString(8)}`);
    writeFileSync(join(d, 'r.json'), 'old report');
    chmodSync(join(d, 'r.json'), mode);
    const r = sh(`cd ${d} && umask 022 && $CHECK -f json -o r.json ${FLAGGED}`);
    expect(r.status).toBe(1);
    expect(statSync(join(d, 'r.json')).mode & 0o7777).toBe(mode);
    expect(JSON.parse(readFileSync(join(d, 'r.json'), 'utf8')).summary.total).toBe(1);
  });

  test('through a symlink: the link stays a link, the file it names keeps its mode', () => {
    const d = fresh('mode-link');
    writeFileSync(join(d, 'real.json'), 'old report');
    chmodSync(join(d, 'real.json'), 0o600);
    symlinkSync('real.json', join(d, 'r.json'));
    expect(sh(`cd ${d} && $CHECK -f json -o r.json ${FLAGGED}`).status).toBe(1);
    expect(statSync(join(d, 'real.json')).mode & 0o7777).toBe(0o600);
    expect(readFileSync(join(d, 'r.json'), 'utf8')).toMatch(/^\{/);
  });

  test('a new report gets the umask default', () => {
    const d = fresh('mode-new');
    expect(sh(`cd ${d} && umask 027 && $CHECK -f json -o r.json ${FLAGGED}`).status).toBe(1);
    expect(statSync(join(d, 'r.json')).mode & 0o7777).toBe(0o640);
  });

  test('a link planted at the temporary file’s name is not followed', () => {
    const d = fresh('planted');
    writeFileSync(join(d, 'victim'), 'not yours');
    // `exec`: the CLI takes the shell's pid, so the name is known.
    const r = sh(`cd ${d} && ln -s victim .r.json.$$.tmp && exec $CHECK -f json -o r.json ${FLAGGED}`);
    expect(r.status).toBe(1);
    expect(readFileSync(join(d, 'victim'), 'utf8')).toBe('not yours');
    expect(JSON.parse(readFileSync(join(d, 'r.json'), 'utf8')).summary.total).toBe(1);
  });
});

describe('output directories are checked before the run', () => {
  test('a directory that does not exist: exit 2, nothing read, the other target untouched', () => {
    const d = fresh('nodir');
    writeFileSync(join(d, 'earlier.csv'), 'earlier');
    const r = sh(`cd ${d} && $CHECK -f csv:earlier.csv -f json:missing/r.json ${FLAGGED}`);
    expect(r.status).toBe(2);
    oneMessage(
      r.stderr,
      'cannot write the json report to missing/r.json: the directory missing does not exist (create it first: mkdir -p missing); nothing was read',
    );
    expect(readFileSync(join(d, 'earlier.csv'), 'utf8')).toBe('earlier');
  });
});

/** The child's end, or 'still running' once `ms` pass (the test then fails and `finally` kills it). */
const ended = (child: ChildProcess, ms: number) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null } | 'still running'>((r) => {
    const timer = setTimeout(() => r('still running'), ms);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      r({ code, signal });
    });
  });

/** Until `check` holds, looking again every 20 ms (for what another process does after our child ended). */
const until = async (check: () => boolean, ms: number): Promise<boolean> => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return check();
};

describe('a signal while reports are written', () => {
  test.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    '%s: the process ends at once, by the signal; the earlier report stays, no temporary file',
    async (signal) => {
      const d = fresh(`sig-write-${signal}`);
      writeFileSync(join(d, 'r.json'), 'earlier report');
      let child: ChildProcess | undefined;
      try {
        // The text report (over a megabyte with --details) goes to a pipe this test stops reading: the
        // CLI is then held in its writing phase, deterministically, the json file not yet written.
        child = spawn(process.execPath, [BIN, '--no-progress', '--details', '-f', 'text', '-f', 'json:r.json', join(dir, 'many.ndjson')], {
          cwd: d,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, NO_COLOR: '1' },
        });
        const end = ended(child, LIMIT);
        await new Promise((r) => child!.stdout!.once('data', r));
        child.stdout!.pause();
        child.kill(signal);
        // The old code went on writing to the full pipe, the signal waiting for it: it never ended.
        expect(await end).toEqual({ code: null, signal });
        expect(readFileSync(join(d, 'r.json'), 'utf8')).toBe('earlier report');
        expect(readdirSync(d)).toEqual(['r.json']);
      } finally {
        child?.kill('SIGKILL');
      }
    },
    60_000,
  );

  test.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    '%s: a temporary file being written is removed (write-guard)',
    async (signal) => {
      const d = fresh(`sig-guard-${signal}`);
      const tmp = join(d, '.r.html.123.tmp');
      // What writeReports does with the real process: listeners on, the phase begun, then busy writing.
      const script = `
      import { writeFileSync, writeSync } from 'node:fs';
      import { signalsEndWrites, STOP_SIGNALS } from ${JSON.stringify(join(ROOT, 'dist', 'cli', 'write-guard.js'))};
      const onSignal = () => {};
      for (const s of STOP_SIGNALS) process.on(s, onSignal);
      signalsEndWrites([process.argv[1]], onSignal);
      writeFileSync(process.argv[1], 'unmasked applicant data');
      writeSync(1, 'ready');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${LIMIT});`;
      let child: ChildProcess | undefined;
      try {
        child = spawn(process.execPath, ['--input-type=module', '-e', script, tmp], { stdio: ['ignore', 'pipe', 'inherit'] });
        const end = ended(child, LIMIT);
        await new Promise((r) => child!.stdout!.once('data', r));
        expect(existsSync(tmp)).toBe(true);
        child.kill(signal);
        expect(await end).toEqual({ code: null, signal });
        // Removed by the watcher once the process is gone.
        expect(await until(() => !existsSync(tmp), LIMIT)).toBe(true);
      } finally {
        child?.kill('SIGKILL');
      }
    },
    60_000,
  );

  test('SIGHUP while records are read: a partial report, exit 129', async () => {
    const d = fresh('sig-read');
    mkdirSync(join(d, 'in'));
    writeFileSync(join(d, 'in', 'notes.txt'), 'not applicant data');
    let child: ChildProcess | undefined;
    try {
      // Standard input stays open: the run waits there, past the line that says in/notes.txt was skipped.
      child = spawn(process.execPath, [BIN, '--no-progress', '-f', 'json:r.json', 'in', '-'], { cwd: d, stdio: ['pipe', 'ignore', 'pipe'] });
      const end = ended(child, LIMIT);
      let stderr = '';
      await new Promise<void>((r) =>
        child!.stderr!.on('data', (b) => {
          stderr += b;
          if (stderr.includes('skipped')) r();
        }),
      );
      child.kill('SIGHUP');
      expect(await end).toEqual({ code: 129, signal: null });
      expect(JSON.parse(readFileSync(join(d, 'r.json'), 'utf8')).interrupted).toBe(true);
      expect(readdirSync(d).sort()).toEqual(['in', 'r.json']);
    } finally {
      child?.kill('SIGKILL');
    }
  }, 60_000);
});

describe('a temporary directory that cannot take spill files', () => {
  test.each([
    ['missing', 'does-not-exist', 'ENOENT'],
    ['a file', 'a-file', 'ENOTDIR'],
  ])('TMPDIR %s: the message names the temporary directory and TMPDIR, not standard output; exit 2', (_, name, code) => {
    const d = fresh(`tmpdir-${name}`);
    writeFileSync(join(d, 'a-file'), '');
    writeFileSync(join(d, 'r.json'), 'earlier report');
    for (const out of ['', '-f json:r.json']) {
      // Every store spills past one entry: the temporary directory is needed at once. Node 22.1+
      // would create a missing TMPDIR itself for its compile cache (bin/dprk-check.js), so the cache is off.
      const r = sh(
        `cd ${d} && NODE_DISABLE_COMPILE_CACHE=1 DPRK_CHECK_SPILL_AFTER=1 TMPDIR=${join(d, name)} exec $CHECK ${out} ${join(dir, 'many.ndjson')} > /dev/null`,
      );
      expect(r.status).toBe(2);
      oneMessage(r.stderr, `cannot set data aside in the temporary directory ${join(d, name)}: ${code}`);
      expect(r.stderr).toContain('set TMPDIR to a directory that exists and has room');
      expect(r.stderr).not.toContain('standard output');
      expect(readFileSync(join(d, 'r.json'), 'utf8')).toBe('earlier report');
      expect(readdirSync(d).sort()).toEqual(['a-file', 'r.json']);
    }
  });
});
