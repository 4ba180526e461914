import { readFileSync, readlinkSync } from 'node:fs';
import { EXIT } from './exit-codes.js';
import { isWriteError, writeAllSync, writeErrorText } from './write-output.js';

/**
 * Node opens /dev/null read-write on a standard descriptor it finds closed at start-up
 * (`dprk-check >&-`), so writes to it "succeed" and a report would vanish with exit 0. A shell's
 * own `> /dev/null` opens it write-only: on Linux the two can be told apart.
 */
function stdoutWasClosed(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    if (readlinkSync('/proc/self/fd/1') !== '/dev/null') return false;
    const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & 3) === 2;
  } catch {
    return false;
  }
}

/** Standard output written synchronously, so a failed write (ENOSPC, EPIPE) is an exception where it happens. */
export function stdoutWriter() {
  const closed = stdoutWasClosed();
  return {
    write(s: string): void {
      if (closed) throw Object.assign(new Error('standard output is closed'), { code: 'EBADF', syscall: 'write' });
      writeAllSync(1, Buffer.from(s, 'utf8'));
    },
    get isTTY() {
      return process.stdout.isTTY;
    },
    get columns() {
      return process.stdout.columns;
    },
  };
}

/**
 * The exit code for a write to standard output that failed, said on `stderr`; undefined for an
 * error that is not a write's. A reader that left (EPIPE, `| head`) is not a failure: `ok` then.
 */
export function stdoutFailure(e: unknown, stderr: { write(s: string): unknown }, ok: number): number | undefined {
  if (!isWriteError(e)) return undefined;
  if (e.code === 'EPIPE') return ok;
  stderr.write(`dprk-check: cannot write to standard output: ${writeErrorText(e)}\n`);
  return EXIT.ERROR;
}
