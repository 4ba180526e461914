#!/usr/bin/env node
// Thin launcher: the tool is built into dist/ by `npm install` (the prepare script runs the build).
import { main } from '../dist/cli/bundle.js';

process.exitCode = await main(process.argv.slice(2));
