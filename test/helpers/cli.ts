import { Readable } from 'node:stream';
import { run } from '../../src/cli/program.js';
import type { CliIO } from '../../src/cli/io.js';

/**
 * The one in-process CLI harness (eemeli/yaml's tests/cli.ts style): captured streams, stdin from
 * a string, an explicit environment and a frozen clock. memory-io.ts and cli-rule-packs.ts
 * are thin wrappers over captureIO, kept so existing tests need no edit; new tests use runCli or
 * captureIO directly.
 */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface FakeIOOptions {
  stdin?: string;
  env?: Record<string, string | undefined>;
  cwd: string;
  isTTY?: boolean;
  /** The frozen "now"; the default is the date the end-to-end fixtures were written against. */
  now?: string;
}

export const DEFAULT_NOW = '2026-10-20T12:00:00Z';

/** A CliIO that records what is written, plus readers for the captured text. */
export function captureIO(o: FakeIOOptions): { io: CliIO; stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  const now = new Date(o.now ?? DEFAULT_NOW);
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: o.isTTY },
    stderr: { write: (s: string) => (stderr += s), isTTY: o.isTTY },
    stdin: Readable.from(o.stdin === undefined ? [] : [Buffer.from(o.stdin)]),
    env: o.env ?? {},
    cwd: o.cwd,
    now: () => now,
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}

/** Run the CLI in-process with captured streams and a fixed clock. */
export async function runCli(argv: string[], o: FakeIOOptions): Promise<CliResult> {
  const c = captureIO(o);
  const code = await run(argv, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
}

export const ANSI = /\u001b\[[0-9;]*m/;

/** A V8 stack frame line ("    at fn (file.js:1:2)"): must never reach a user. */
export const STACK_FRAME = /^\s+at .+[:(].*\d+:\d+\)?$/m;
