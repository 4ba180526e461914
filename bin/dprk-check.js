#!/usr/bin/env node
// Thin launcher: the tool is built into dist/ by `npm install` (the prepare script runs the build).
import module from 'node:module';

// Node 22.1+ keeps the compiled bundle in its code cache (the system's temporary directory,
// node-compile-cache; code only, never data), so a second start skips most of the compiling:
// about a tenth of a clean check's start. Node 20 has no such cache; NODE_DISABLE_COMPILE_CACHE=1
// turns it off. Loaded after enabling it, hence the dynamic import.
module.enableCompileCache?.();
const { main } = await import('../dist/cli/bundle.js');

process.exitCode = await main(process.argv.slice(2));
