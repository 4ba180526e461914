import { Readable } from 'node:stream';
import { run } from '../../src/cli/program.js';
import type { CliIO } from '../../src/cli/io.js';

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
}

/** Run the CLI in-process with captured streams and a fixed clock. */
export async function runCli(argv: string[], o: FakeIOOptions): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: o.isTTY },
    stderr: { write: (s: string) => (stderr += s), isTTY: o.isTTY },
    stdin: Readable.from(o.stdin === undefined ? [] : [Buffer.from(o.stdin)]),
    env: o.env ?? {},
    cwd: o.cwd,
    now: () => new Date('2026-10-20T12:00:00Z'),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[[0-9;]*m/;

/** A V8 stack frame line ("    at fn (file.js:1:2)"): must never reach a user. */
export const STACK_FRAME = /^\s+at .+[:(].*\d+:\d+\)?$/m;
