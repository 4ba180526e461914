import { run } from './program.js';
import { stdoutWriter } from './stdout.js';
import { SIGNAL_EXIT, STOP_SIGNALS, signalsEndWrites, type StopSignal } from './write-guard.js';

/** Entry for bin/dprk-check.js: real process streams. */
export async function main(argv: string[]): Promise<number> {
  // First Ctrl-C, SIGTERM or SIGHUP (the terminal closed): finish the record in hand and report what
  // was read. Second: leave at once. While reports are written, any of them ends the process at once
  // and removes the temporary files (write-guard.ts).
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(SIGNAL_EXIT[signal as StopSignal]);
    controller.abort(signal);
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  try {
    const code = await run(argv, {
      stdout: stdoutWriter(),
      stderr: process.stderr,
      stdin: process.stdin,
      env: process.env,
      cwd: process.cwd(),
      signal: controller.signal,
      writing: (tempFiles) => signalsEndWrites(tempFiles, onSignal),
    });
    // 128 + the signal's number, the shell convention (SIGTERM 143, Ctrl-C 130, SIGHUP 129), also
    // for a signal that came after the records were read: a run that was stopped never passes a gate.
    return controller.signal.aborted ? SIGNAL_EXIT[controller.signal.reason as StopSignal] : code;
  } finally {
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
    // A read from a terminal may still be pending after Ctrl-C; it must not keep us alive.
    if (controller.signal.aborted) {
      process.stdin.destroy();
      // Nor may a read stuck in the kernel (a stalled mount holds a libuv thread that nothing can
      // cancel): once the report has left, leave even if that read never returns.
      const leave = () => (process.stdout.writableLength ? setTimeout(leave, 200).unref() : process.exit());
      setTimeout(leave, 1000).unref();
    }
  }
}
