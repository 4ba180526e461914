import { EXIT } from './exit-codes.js';
import { stdoutFailure, stdoutWriter } from './stdout.js';
import { versionText } from './version-text.js';

/** Entry of dist/cli/version-bundle.js: `dprk-check --version`, written and failing as the program's --version does. */
export function printVersion(): number {
  try {
    stdoutWriter().write(`${versionText()}\n`);
    return EXIT.OK;
  } catch (e) {
    const failed = stdoutFailure(e, process.stderr, EXIT.OK);
    if (failed === undefined) throw e;
    return failed;
  }
}
