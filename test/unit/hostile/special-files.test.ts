import { afterAll, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dprk-special-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'a.ndjson'), '{"id":"a","name":{"full":"Ana Gomez"}}\n');
execFileSync('mkfifo', [join(dir, 'b.ndjson')]);
symlinkSync('/dev/zero', join(dir, 'c.ndjson'));

test.skipIf(process.platform === 'win32')(
  'a FIFO and a link to /dev/zero in an input directory are refused before reading, not waited on',
  async () => {
    const r = await runCli(['-f', 'json', '--no-progress', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as {
      summary: { total: number; evaluated: number; invalid: number };
      errors: Array<{ source: string; message: string }>;
    };
    // Not records: inputs that could not be read.
    expect(report.summary).toMatchObject({ total: 1, evaluated: 1, invalid: 0, unreadable: 2 });
    expect(report.errors.map((e) => `${e.source}: ${e.message}`)).toEqual([
      'b.ndjson: is a FIFO (named pipe), not a regular file: refused without reading (pipe data to standard input with - instead)',
      'c.ndjson: is a character device, not a regular file: refused without reading (pipe data to standard input with - instead)',
    ]);
  },
  10_000,
);

test.skipIf(process.platform === 'win32')(
  'a FIFO named on the command line is refused too',
  async () => {
    const r = await runCli(['-f', 'json', '--no-progress', 'b.ndjson', 'a.ndjson'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/b\.ndjson: is a FIFO/);
    expect((JSON.parse(r.stdout) as { summary: { evaluated: number } }).summary.evaluated).toBe(1);
  },
  10_000,
);

test.skipIf(process.platform === 'win32')(
  'the first Ctrl-C ends a run whose input stalls, with the partial report',
  async () => {
    const { spawn } = await import('node:child_process');
    const { existsSync } = await import('node:fs');
    const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'dprk-check.js');
    if (!existsSync(join(import.meta.dirname, '..', '..', '..', 'dist', 'cli', 'bundle.js'))) return;
    const p = spawn(process.execPath, [bin, '-f', 'json', '--no-progress', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d));
    // One record, then the writer goes quiet without closing: the read stalls.
    p.stdin.write('{"id":"a","name":{"full":"Ana Gomez"}}\n');
    setTimeout(() => p.kill('SIGINT'), 3000);
    const code = await new Promise<number | null>((resolve) => {
      const kill = setTimeout(() => (p.kill('SIGKILL'), resolve(null)), 10_000);
      p.on('exit', (c) => (clearTimeout(kill), resolve(c)));
    });
    expect(code).toBe(130);
    // A machine this busy may not have read the record yet; the report is whole either way.
    expect((JSON.parse(out) as { summary: { total: number } }).summary.total).toBeLessThanOrEqual(1);
  },
  20_000,
);

test.skipIf(process.platform === 'win32')(
  'a FIFO named as a source file (FORMAT:) is refused with the same code as any input',
  async () => {
    const r = await runCli(['-f', 'json', '--no-progress', 'okta:b.ndjson'], { cwd: dir });
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { errors: Array<{ source: string; problems: Array<{ code: string }> }> };
    expect(report.errors.map((e) => `${e.source}: ${e.problems.map((p) => p.code).join()}`)).toEqual(['b.ndjson: input-not-regular']);
  },
  10_000,
);
