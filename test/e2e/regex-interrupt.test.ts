import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { tempTree, yaml } from '../helpers/cli-rule-packs.js';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'dprk-check.js');

// The most expensive regex the budget accepts (~300 instructions, ~140 threads alive per character
// on text that never repeats), on 30,000-character fields: ~30 ms of CPU per record. Ctrl-C must
// stop the run within the records in hand, with a complete partial report, not wait for the batch.
test.skipIf(!existsSync(join(ROOT, 'dist', 'cli', 'bundle.js')))(
  'Ctrl-C is honoured while rule regexes run on adversarial fields',
  async () => {
    const rule = {
      title: 'Resume text matches an expensive pattern',
      id: 'network.slow-regex',
      family: 'network',
      severity: 'high',
      status: 'experimental',
      description: 'A test rule whose regex is about the most expensive the budget accepts.',
      references: [{ title: 'Test reference', url: 'https://example.org/ref', date: '2024-01-01' }],
      falsepositives: ['None'],
      next: 'Nothing to do: this is a test.',
      match: { field: 'resume.text', regex: '[ab]*a[ab]{0,140}c' },
      cases: {
        match: [{ name: 'hit', applicant: { resume: { text: 'abc' } } }],
        nomatch: [{ name: 'miss', applicant: { resume: { text: 'bbb' } } }],
      },
    };
    const cwd = tempTree({ 'pack/network/slow-regex.yaml': yaml(rule) });
    let seed = 7;
    const lines: string[] = [];
    const RECORDS = 600; // ~18 s of matching uninterrupted on an idle core
    for (let i = 0; i < RECORDS; i++) {
      // Matching sees the first 4,096 characters: those differ in every record (no DFA state reuse).
      let text = 'c';
      for (let k = 0; k < 4_095; k++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        text += (seed >> 16) & 1 ? 'a' : 'b';
      }
      text += 'b'.repeat(30_000 - text.length);
      lines.push(JSON.stringify({ id: `cand-${i}`, name: { full: `Person ${i}` }, resume: { text } }));
    }
    // Records go through stdin, so the signal is sent once the run is seen consuming them (a fixed
    // delay could land before a slow start-up installed the Ctrl-C handler).
    const child = spawn(process.execPath, [BIN, '-', '--rules', 'pack', '--no-builtin-rules', '--no-config', '--format', 'json', '-o', 'out.json'], {
      cwd,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.on('error', () => {}); // the run stops reading after Ctrl-C
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let accepted = 0;
    const feed = (async () => {
      for (const line of lines) {
        const ok = await new Promise<boolean>((resolve) => child.stdin.write(`${line}\n`, (e) => resolve(!e)));
        if (!ok) return;
        accepted++;
      }
    })();
    // A pipe holds ~2 of these records: 10 accepted means the run has read and checked several.
    while (accepted < 10) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    const code = await exited;
    child.stdin.destroy();
    // A write still pending when the child stopped reading may never call back (Node 22+ buffers
    // more per write): the feeder is not waited for beyond a moment.
    await Promise.race([feed, new Promise((r) => setTimeout(r, 1000))]);

    expect(code, stderr).toBe(130);
    const interrupted = /interrupted after (\d+) records/.exec(stderr);
    expect(interrupted, stderr).not.toBeNull();
    expect(Number(interrupted![1])).toBeLessThan(RECORDS);
    const report = JSON.parse(readFileSync(join(cwd, 'out.json'), 'utf8')) as { interrupted?: boolean; applicants: unknown[] };
    expect(report.interrupted).toBe(true);
    expect(report.applicants.length).toBe(Number(interrupted![1]));
  },
  120_000,
);
