import { run } from './program.js';

/** Entry for bin/dprk-check.js: real process streams. */
export async function main(argv: string[]): Promise<number> {
  // A reader that closes early (| head) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  // First Ctrl-C: finish the record in hand and report what was read. Second: leave at once.
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await run(argv, {
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: process.stdin,
      env: process.env,
      cwd: process.cwd(),
      signal: controller.signal,
    });
  } finally {
    process.off('SIGINT', onSigint);
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
