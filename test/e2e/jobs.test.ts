import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generate } from '../../bench/generate.js';
import { yaml } from '../helpers/cli-rule-packs.js';
import { sqliteAvailable } from '../helpers/sqlite.js';

// --jobs N through the built CLI: N threads (N - 1 workers and the main thread) must give the report
// a one-thread run gives, byte for byte (but the time stamp), in every format. DPRK_CHECK_JOBS_GROUP=2
// sends records two at a time, so even these small inputs go out in many requests to the workers
// and the main thread and come back in whatever order they finish.
const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'dprk-check.js');
const SQLITE = await sqliteAvailable();
const built = existsSync(join(ROOT, 'dist', 'cli', 'bundle.js')) && existsSync(join(ROOT, 'dist', 'cli', 'worker-bundle.js'));
const dir = mkdtempSync(join(tmpdir(), 'dprk-jobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  if (!built) return;
  copyFileSync(join(ROOT, 'fixtures/batch/export.ndjson'), join(dir, 'export.ndjson'));
  copyFileSync(join(ROOT, 'fixtures/history/2026-08-export.json'), join(dir, 'aug.json'));
  copyFileSync(join(ROOT, 'fixtures/history/2026-09-export.json'), join(dir, 'sep.json'));
  copyFileSync(join(ROOT, 'fixtures/batch/allow-shared.yaml'), join(dir, 'allow-shared.yaml'));
  // Laptop farms every 20 applicants: links across many requests.
  await generate(join(dir, 'farm.ndjson'), 240, 7, { linkHeavy: true });
  const arrayOf = readFileSync(join(ROOT, 'fixtures/batch/export.ndjson'), 'utf8')
    .split('\n')
    .filter(
      (l) =>
        l.trim().startsWith('{') &&
        (() => {
          try {
            JSON.parse(l);
            return true;
          } catch {
            return false;
          }
        })(),
    );
  writeFileSync(join(dir, 'array.json'), `[\n${arrayOf.join(',\n')}\n]\n`);
  writeFileSync(
    join(dir, 'exceptions.yaml'),
    yaml({
      exceptions: [
        { id: 'farm-phone', rule: 'linkage.shared-phone', reason: 'test: a linkage rule excepted per applicant', when: { field: 'id', regex: '[02468]$' } },
        { id: 'no-voip', rule: 'identity.*', reason: 'test: an ordinary exception', when: { field: 'id', regex: '5$' } },
      ],
    }),
  );
}, 60_000);

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Ran {
  const r = spawnSync(process.execPath, [BIN, '--no-progress', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', DPRK_CHECK_JOBS_GROUP: '2', ...env },
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The report's time stamp (and the run time in text summaries) is all that may differ. */
const blank = (s: string) => s.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?/g, '<time>');

const INPUTS = ['export.ndjson', 'farm.ndjson', 'array.json'];

describe.skipIf(!built)('--jobs: worker threads give the one-thread report', () => {
  // Every format in one run (each to its own file), so each case costs two runs.
  const FORMATS = ['text', 'json', 'csv', 'sarif', 'junit', 'markdown', 'github'];
  function everyFormat(jobs: string, args: string[]): Record<string, string> {
    const outs = FORMATS.map((f) => ['-f', `${f}:out-${jobs}.${f}`]).flat();
    const r = cli(['--jobs', jobs, ...outs, ...args]);
    expect([0, 1, 2], r.stderr).toContain(r.code);
    const files = Object.fromEntries(FORMATS.map((f) => [f, blank(readFileSync(join(dir, `out-${jobs}.${f}`), 'utf8'))]));
    for (const f of FORMATS) rmSync(join(dir, `out-${jobs}.${f}`));
    return { ...files, code: String(r.code), stderr: r.stderr.replaceAll(`out-${jobs}.`, 'out.') };
  }
  const cases: Array<[string, string, string[]]> = [
    // The directory holds NDJSON with broken records, a laptop-farm export, a JSON array, and
    // files that are not applicant data (skipped with a notice); one input is missing.
    ['a directory and a missing input', '2', ['.', 'missing.ndjson']],
    ['exceptions on linkage and other rules, text --details', '3', ['--config', 'exceptions.yaml', '--details', ...INPUTS]],
    ['an allow-list, one shard of three with link keys', '2', ['--allow-shared', 'allow-shared.yaml', '--shard', '2/3', ...INPUTS]],
  ];
  test.each(cases)(
    '%s: every format, --jobs %s',
    (_name, threads, args) => {
      const one = everyFormat('1', args);
      const two = everyFormat(threads, args);
      for (const k of Object.keys(one)) expect(two[k], k).toBe(one[k]);
      expect(one.json!.length).toBeGreaterThan(2000);
    },
    240_000,
  );

  test.runIf(SQLITE)(
    'the history links to earlier runs the same way',
    () => {
      const run = (jobs: string) => {
        const store = join(dir, `history-${jobs}.sqlite`);
        rmSync(store, { force: true });
        // August's applicant shares a payout account with September's: the second run links to the first.
        cli(['--jobs', jobs, '--history', store, '-f', 'json', 'farm.ndjson', 'aug.json']);
        return cli(['--jobs', jobs, '--history', store, '-f', 'json', 'export.ndjson', 'sep.json', 'farm.ndjson']);
      };
      const one = run('1');
      const two = run('2');
      // Both runs failing alike (no SQLite, say) would also be the same: each must have used the history.
      expect(one.stderr).not.toMatch(/history/i);
      expect(one.stdout).toContain('history: run 1');
      expect(two.code, two.stderr).toBe(one.code);
      // Run ids and the store's file name differ by construction.
      const norm = (s: string) =>
        blank(s)
          .replace(/history-[12]\.sqlite/g, 'history.sqlite')
          .replace(/"runId":\s*"[^"]*"/g, '"runId":"<id>"');
      expect(norm(two.stdout)).toBe(norm(one.stdout));
    },
    240_000,
  );

  test('a worker that dies costs its records (internal errors), never the run or a record', () => {
    const whole = JSON.parse(cli(['--jobs', '1', '-f', 'json', 'farm.ndjson']).stdout) as { summary: { total: number } };
    const r = cli(['--jobs', '2', '-f', 'json', 'farm.ndjson'], { DPRK_CHECK_JOBS_CRASH: '3' });
    expect(r.code, r.stderr).toBe(2);
    const report = JSON.parse(r.stdout) as {
      summary: { total: number; evaluated: number; invalid: number };
      errors: Array<{ source: string; message: string }>;
    };
    expect(report.summary.total).toBe(whole.summary.total);
    expect(report.summary.evaluated + report.summary.invalid).toBe(report.summary.total);
    const lost = report.errors.filter((e) => e.message.includes('the worker thread checking it stopped'));
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((e) => /^farm\.ndjson#\d+$/.test(e.source))).toBe(true);
  }, 60_000);

  test('a worker out of memory costs nothing: its records are checked in the main thread, and a new worker starts', () => {
    const one = cli(['--jobs', '1', '-f', 'json', 'farm.ndjson']);
    // Every worker runs out of its capped heap on its fifth request, the replacements too.
    const r = cli(['--jobs', '2', '-f', 'json', 'farm.ndjson'], { DPRK_CHECK_JOBS_CRASH: 'oom:5' });
    expect(r.code, r.stderr).toBe(one.code);
    expect(blank(r.stdout)).toBe(blank(one.stdout));
    expect(r.stderr).toContain('a worker thread ran out of memory: its records were checked in the main thread');
    expect(r.stderr).not.toContain('worker thread checking it stopped');
  }, 120_000);

  test('the default starts no worker for a small input; --jobs 1 never does', () => {
    // A worker told to die at once would cost records: none are lost, so none was started.
    for (const jobs of [[], ['--jobs', '1']]) {
      const r = cli([...jobs, '-f', 'json', 'farm.ndjson'], { DPRK_CHECK_JOBS_CRASH: '1' });
      expect(r.stdout).not.toContain('worker thread');
      expect((JSON.parse(r.stdout) as { summary: { invalid: number } }).summary.invalid).toBe(0);
    }
  }, 60_000);

  test('--jobs takes a whole number', () => {
    const r = cli(['--jobs', 'two', 'farm.ndjson']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('two is not a number of threads');
  });

  test('Ctrl-C with workers: reading stops, the partial report is complete, exit 130', async () => {
    const lines = readFileSync(join(dir, 'farm.ndjson'), 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    const child = spawn(process.execPath, [BIN, '--no-progress', '--jobs', '2', '-f', 'json', '-o', 'partial.json', '-'], {
      cwd: dir,
      stdio: ['pipe', 'ignore', 'pipe'],
      env: { ...process.env, CI: 'true', DPRK_CHECK_JOBS_GROUP: '2' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.on('error', () => {});
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let sent = 0;
    const feed = (async () => {
      for (const line of lines) {
        const ok = await new Promise<boolean>((resolve) => child.stdin.write(`${line}\n`, (e) => resolve(!e)));
        if (!ok) return;
        sent++;
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    // Past what the pipe holds (~30 of these records): the run is reading, its Ctrl-C handler set.
    while (sent < 100) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    const code = await exited;
    child.stdin.destroy();
    await Promise.race([feed, new Promise((r) => setTimeout(r, 1000))]);
    expect(code, stderr).toBe(130);
    const m = /interrupted after (\d+) records/.exec(stderr);
    expect(m, stderr).not.toBeNull();
    const report = JSON.parse(readFileSync(join(dir, 'partial.json'), 'utf8')) as {
      interrupted?: boolean;
      summary: { total: number; evaluated: number; invalid: number };
      applicants: Array<{ source: string }>;
    };
    expect(report.interrupted).toBe(true);
    expect(report.summary.total).toBe(Number(m![1]));
    expect(report.summary.total).toBeLessThan(lines.length);
    expect(report.summary.evaluated + report.summary.invalid).toBe(report.summary.total);
    // What is reported is a prefix of the input, in order: nothing skipped in between.
    expect(report.applicants.map((a) => a.source)).toEqual(report.applicants.map((_, i) => `<stdin>#${i + 1}`));
  }, 60_000);
});
