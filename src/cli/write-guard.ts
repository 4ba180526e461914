import { spawn, type ChildProcess } from 'node:child_process';
import { EXIT } from './exit-codes.js';
import { lookupTable } from '../util/lookup-table.js';

/** The signals that stop a run: Ctrl-C, `kill`, and the terminal closing. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** 128 + the signal's number, the shell convention: 130, 143, 129. */
export const SIGNAL_EXIT: Record<StopSignal, number> = lookupTable({ SIGINT: EXIT.INTERRUPTED, SIGTERM: EXIT.TERMINATED, SIGHUP: EXIT.HANGUP });

/**
 * Reports are written synchronously (write-output.ts), so while they are written the process's
 * signal listeners cannot run: a signal then waited for the last byte (and a second Ctrl-C with
 * it). For that phase the listeners are taken off, so that a signal ends the process at once, as
 * the signal itself (the shell shows 128 + N); and since a killed process cleans up nothing, a
 * small shell process (in a session of its own, ignoring the signals, so that Ctrl-C and a
 * closing terminal do not reach it) holds the names of the temporary files and removes whichever
 * is still there once our end of its pipe closes, whether by exit or by signal. After a normal
 * write they have all been renamed into place or removed: nothing is left to remove.
 *
 * Returns what ends the phase (listeners back, the watcher told to finish). Where no watcher can be
 * started (Windows, no /bin/sh), the listeners stay: a signal then waits for the writes to end, as
 * before, rather than leave a temporary file behind.
 */
export function signalsEndWrites(tempFiles: string[], listener: (signal: NodeJS.Signals) => void): () => void {
  if (process.platform === 'win32') return () => {};
  let watcher: ChildProcess | undefined;
  if (tempFiles.length) {
    watcher = startWatcher(tempFiles);
    if (!watcher) return () => {};
  }
  for (const s of STOP_SIGNALS) process.off(s, listener);
  return () => {
    for (const s of STOP_SIGNALS) process.on(s, listener);
    watcher?.stdin?.end();
  };
}

const WATCH = `trap '' INT TERM HUP; cat > /dev/null; rm -f -- "$@"`;

function startWatcher(files: string[]): ChildProcess | undefined {
  try {
    const child = spawn('/bin/sh', ['-c', WATCH, 'dprk-check-cleanup', ...files], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
    child.on('error', () => {});
    child.stdin?.on('error', () => {});
    if (child.pid === undefined) return undefined;
    // It must not keep this process alive: it ends when its input does.
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return child;
  } catch {
    return undefined;
  }
}
