#!/usr/bin/env node
// Thin launcher: the tool is built into dist/ by `npm install` (the prepare script runs the build).
import module from 'node:module';
import { setFlagsFromString } from 'node:v8';

// After each full collection V8 lets the old generation grow to up to 4× what is live before the
// next one (sized from the machine's memory: 4 GB of heap here). A batch makes garbage at a steady
// rate, so the heap grew to that bound whatever the input: peak RSS went with the machine, not
// the work. Growing by half of what is live keeps a 10 000- and a million-record run near their
// live sizes (docs/batch.md "Memory") for a few per cent more collecting. Flags are per process:
// --jobs workers get it too. An explicit --heap-growing-percent on the command line wins.
if (!process.execArgv.some((a) => a.startsWith('--heap-growing-percent'))) setFlagsFromString('--heap-growing-percent=50');

// Node 22.1+ keeps the compiled bundle in its code cache (the system's temporary directory,
// node-compile-cache; code only, never data), so a second start skips most of the compiling:
// about a tenth of a clean check's start. Node 20 has no such cache; NODE_DISABLE_COMPILE_CACHE=1
// turns it off. Loaded after enabling it, hence the dynamic import.
module.enableCompileCache?.();
const args = process.argv.slice(2);
// `dprk-check --version` alone needs none of the tool: its own small bundle prints the same text
// (with any other argument, the program's --version answers, as it always does).
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { printVersion } = await import('../dist/cli/version-bundle.js');
  process.exitCode = printVersion();
} else {
  const { main } = await import('../dist/cli/bundle.js');
  process.exitCode = await main(args);
}
