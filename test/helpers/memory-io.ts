import { Readable } from 'node:stream';
import type { CliIO } from '../../src/cli/io.js';

/** A CliIO that records what the CLI prints, for in-process runs. */
export function memoryIO(cwd: string, env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (s: string) => out.push(s), isTTY: false },
    stderr: { write: (s: string) => err.push(s), isTTY: false },
    stdin: Readable.from([]),
    env,
    cwd,
    now: () => new Date('2026-11-01T12:00:00Z'),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
