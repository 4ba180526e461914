import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Whether this Node can open an SQLite history: node:sqlite without a flag (22.13+, 24), or the
 * optional dependency better-sqlite3 (Node 20). npm does not fail an install when an optional
 * package's native build fails (no compiler, no python3); it removes the package and goes on.
 * On a developer machine the SQLite history tests then skip with the remedy; in CI (CI=true) a
 * missing back end is a failure, so the tests can never silently stop running.
 */
export function sqliteAvailable(): boolean {
  try {
    require('node:sqlite');
    return true;
  } catch {
    // Node 20: no built-in SQLite
  }
  let why: string;
  try {
    const Database = require('better-sqlite3') as new (path: string) => { close(): void };
    // The native binding is loaded by the first open, not by the require.
    new Database(':memory:').close();
    return true;
  } catch (e) {
    why = (e as Error).message.split('\n')[0] ?? String(e);
  }
  const remedy =
    'run npm ci --foreground-scripts again and read the better-sqlite3 build (it needs python3, make and a C++ compiler), or run the tests on Node 22.13 or later';
  if (process.env.CI === 'true') throw new Error(`CI=true but no SQLite back end on Node ${process.versions.node} (${why}): ${remedy}`);
  console.warn(`SQLite history tests skipped: Node ${process.versions.node} has no node:sqlite and better-sqlite3 did not load (${why}); ${remedy}`);
  return false;
}
