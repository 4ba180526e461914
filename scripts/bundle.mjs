// Build step: bundle dist/cli/main.js and its imports into dist/cli/bundle.js, the file
// bin/dprk-check.js runs. Resolving and compiling ~150 small modules was a third of a cold start.
// Packages that are loaded only when needed stay outside the bundle, so they still cost nothing
// for runs that do not need them: the YAML parser, phone metadata, the spinner, transliteration.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [join(root, 'dist/cli/main.js')],
  outfile: join(root, 'dist/cli/bundle.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['ora', 'yaml', 'libphonenumber-js', 'any-ascii', 'better-sqlite3', 'pg'],
  // CommonJS dependencies inside an ES module bundle need a real `require`.
  banner: { js: "import { createRequire as __dprkRequire } from 'node:module'; const require = __dprkRequire(import.meta.url);" },
  logLevel: 'warning',
});
