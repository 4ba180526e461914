import type { Readable } from 'node:stream';

/** Everything the CLI touches in the outside world, injectable so tests run it in-process. */
export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdin: Readable;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Fixed clock for reproducible reports in tests. */
  now?: () => Date;
  /** Aborted on Ctrl-C: a batch stops reading and reports what it has. */
  signal?: AbortSignal;
  /**
   * The real process only (main.ts): called as reports start being written, with the temporary
   * files they will use; a signal from then on ends the process at once and they are removed
   * (write-guard.ts). Returns what to call when the writing is done.
   */
  writing?: (tempFiles: string[]) => () => void;
}

/**
 * Colour only where a person reads it: --color/--no-color win, then NO_COLOR (any non-empty value,
 * per no-color.org), then FORCE_COLOR, then whether the stream is a terminal.
 */
export function useColor(flag: boolean | undefined, env: CliIO['env'], isTTY: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return !!isTTY && env.TERM !== 'dumb';
}
