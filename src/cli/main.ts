import { run } from './program.js';
import { EXIT } from './exit-codes.js';
import { stdoutWriter } from './stdout.js';

/** Entry for bin/dprk-check.js: real process streams. */
export async function main(argv: string[]): Promise<number> {
  // First Ctrl-C or SIGTERM: finish the record in hand and report what was read. Second: leave at once.
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(signal === 'SIGTERM' ? EXIT.TERMINATED : EXIT.INTERRUPTED);
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const code = await run(argv, {
      stdout: stdoutWriter(),
      stderr: process.stderr,
      stdin: process.stdin,
      env: process.env,
      cwd: process.cwd(),
      signal: controller.signal,
    });
    // 128 + the signal's number, the shell convention: SIGTERM is 143, as Ctrl-C is 130.
    return code === EXIT.INTERRUPTED && controller.signal.reason === 'SIGTERM' ? EXIT.TERMINATED : code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
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
