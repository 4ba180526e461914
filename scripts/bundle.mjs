// Build step: bundle dist/cli/main.js and its imports into dist/cli/bundle.js, the file
// bin/dprk-check.js runs. Resolving and compiling ~150 small modules was a third of a cold start.
// Packages that are loaded only when needed stay outside the bundle, so they still cost nothing
// for runs that do not need them: the YAML parser, phone metadata, the spinner, transliteration.
// The CommonJS ones a run may need (src/util/vendor.ts) are bundled one file each into dist/vendor/
// and required on first use: one file to compile instead of ~70 to resolve.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The --jobs worker thread (src/cli/check-worker.ts) starts like a check does: one bundle too.
for (const [entry, out] of [
  ['main.js', 'bundle.js'],
  ['check-worker.js', 'worker-bundle.js'],
  // A bare --version is answered from this one (bin/dprk-check.js): a few kB, not the whole tool.
  ['version-entry.js', 'version-bundle.js'],
])
  await build({
    entryPoints: [join(root, 'dist/cli', entry)],
    outfile: join(root, 'dist/cli', out),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['ora', 'yaml', 'libphonenumber-js', 'ajv', 'mmdb-lib', 'any-ascii', 'better-sqlite3', 'pg'],
    // CommonJS dependencies inside an ES module bundle need a real `require`.
    banner: { js: "import { createRequire as __dprkRequire } from 'node:module'; const require = __dprkRequire(import.meta.url);" },
    logLevel: 'warning',
  });

// libphonenumber-js tests every metadata pattern through matchesEntirely, which builds a RegExp
// on every call; src/normalize/phone-regex-cache.ts patches the installed helper, and the bundled
// copy gets the same cached helper here (pure: same answers, each RegExp built once).
const cachedMatchesEntirely = {
  name: 'cached-matches-entirely',
  setup(b) {
    b.onLoad({ filter: /libphonenumber-js[\\/]es6[\\/]helpers[\\/]matchesEntirely\.js$/ }, () => ({
      loader: 'js',
      contents: `const built = new Map();
export default function matchesEntirely(text, pattern) {
  let re = built.get(pattern);
  if (!re) { re = new RegExp('^(?:' + pattern + ')$'); built.set(pattern, re); }
  return re.test(text || '');
}`,
    }));
    // The metadata (157 kB) as a JSON.parse of one string: V8 reads JSON faster than it compiles an
    // object literal of that size. The .json.js file is the package's own copy of the .json beside it.
    b.onLoad({ filter: /libphonenumber-js[\\/]metadata\.max\.json\.js$/ }, (args) => ({
      loader: 'js',
      contents: `export default JSON.parse(${JSON.stringify(readFileSync(args.path.replace(/\.js$/, ''), 'utf8'))});`,
    }));
  },
};
// What each pre-bundled file exports. libphonenumber's ES build, reduced to the two functions
// src/normalize/phone.ts calls, lets esbuild leave out the rest (formatting, as-you-type, number
// finding): half the code to compile at the first phone number (a 462 kB file loaded in 30 ms,
// this one in 13 ms).
const VENDORED = {
  'libphonenumber-js/max': `export { parsePhoneNumberFromString, isSupportedCountry } from 'libphonenumber-js/max';`,
  yaml: `module.exports = require('yaml');`,
  ajv: `module.exports = require('ajv');`,
  'mmdb-lib': `module.exports = require('mmdb-lib');`,
};
for (const [name, contents] of Object.entries(VENDORED)) {
  await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    outfile: join(root, 'dist/vendor', `${name.replace(/[^a-z0-9-]+/gi, '-')}.cjs`),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: name.startsWith('libphonenumber') ? [cachedMatchesEntirely] : [],
    logLevel: 'warning',
  });
}
