import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packagePath } from './package-root.js';

const requireHere = createRequire(import.meta.url);

/** Packages `npm run build` pre-bundles one file each into dist/vendor/ (scripts/bundle.mjs). */
export const VENDORED = ['libphonenumber-js/max', 'yaml', 'ajv', 'mmdb-lib'] as const;
export type VendoredName = (typeof VENDORED)[number];

export function vendorFile(name: VendoredName): string {
  return packagePath('dist', 'vendor', `${name.replace(/[^a-z0-9-]+/gi, '-')}.cjs`);
}

/**
 * A CommonJS package loaded on first use, from its pre-bundled copy when the build made one.
 * Resolving and compiling a package's ~70 small modules (libphonenumber, yaml, ajv) cost more
 * than the code they run in a short check, and a run that needs none of them (--version, a
 * record without phones, rules from the build cache) should load none. Without a build (tests
 * run from src/) the package itself is required: the same code, only slower to load.
 * `vendored` says which copy was loaded.
 */
export function requireVendored<T>(name: VendoredName): { lib: T; vendored: boolean } {
  const file = vendorFile(name);
  if (existsSync(file)) return { lib: requireHere(file) as T, vendored: true };
  return { lib: requireHere(name) as T, vendored: false };
}
