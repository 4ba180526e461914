import { openSqlite } from '../../src/history/sqlite-db.js';
import { unavailable } from './requirement.js';

/**
 * Whether this Node can open an SQLite history, asked of the history's own loader: node:sqlite
 * without a flag (22.13+, 24), else the optional dependency better-sqlite3 (Node 20). npm does not
 * fail an install when an optional package's native build fails (no compiler, no python3); it
 * removes the package and goes on, and the SQLite history tests then skip (or fail under CI=true)
 * with the message `--history` gives.
 */
export async function sqliteAvailable(): Promise<boolean> {
  try {
    await (await openSqlite(':memory:', 'an in-memory SQLite database')).close();
    return true;
  } catch (e) {
    return unavailable(
      'SQLite history tests',
      (e as Error).message,
      'run npm ci --foreground-scripts again and read the better-sqlite3 build (it needs python3, make and a C++ compiler), or run the tests on Node 22.13 or later',
    );
  }
}
