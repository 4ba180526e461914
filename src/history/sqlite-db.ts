import { HistoryError } from './history-error.js';
import type { Param, Row, SqlDb } from './sql-db.js';

/** The calls node:sqlite's DatabaseSync and better-sqlite3's Database share. */
interface SyncDatabase {
  exec(sql: string): void;
  prepare(sql: string): { all(...params: Param[]): unknown[]; run(...params: Param[]): unknown };
  close(): void;
}

type Open = (path: string) => SyncDatabase;

/** Another run holding the write lock is waited for this long before giving up. */
export const BUSY_TIMEOUT_MS = 5000;

let driver: Promise<{ open: Open; name: string }> | undefined;

/**
 * node:sqlite where the runtime has it without a flag (Node 22.13+, 23.4+, 24), else the optional
 * dependency better-sqlite3 (12.x: it builds on Node 20; 13 does not run there). Specifiers are
 * held in variables so neither is needed to compile, and the bundle leaves both outside.
 */
async function loadDriver(): Promise<{ open: Open; name: string }> {
  const builtin = 'node:sqlite';
  try {
    // node:sqlite announces itself as experimental on every load: not news for a CLI's user.
    const emit = process.emitWarning;
    process.emitWarning = ((w: string | Error, ...rest: unknown[]) => {
      if (!String(typeof w === 'string' ? w : w.message).includes('SQLite')) (emit as (...a: unknown[]) => void).call(process, w, ...rest);
    }) as typeof process.emitWarning;
    try {
      const m = (await import(builtin)) as { DatabaseSync: new (path: string) => SyncDatabase };
      return { open: (path) => new m.DatabaseSync(path), name: 'node:sqlite' };
    } finally {
      process.emitWarning = emit;
    }
  } catch {
    // not in this Node (or behind --experimental-sqlite): try the package
  }
  const pkg = 'better-sqlite3';
  try {
    const m = (await import(pkg)) as { default: new (path: string, o: { timeout: number }) => SyncDatabase };
    return { open: (path) => new m.default(path, { timeout: BUSY_TIMEOUT_MS }), name: 'better-sqlite3' };
  } catch (e) {
    throw new HistoryError(
      `an SQLite history needs Node 22.13 or later (node:sqlite), or the package better-sqlite3 (npm install better-sqlite3@12): ${(e as Error).message.split('\n')[0]}`,
    );
  }
}

/** SQLite's own error codes, in words a person can act on. */
export function sqliteMessage(e: unknown, label: string): string {
  const err = e as { code?: string; errcode?: number; message?: string };
  const msg = err.message ?? String(e);
  if (/SQLITE_BUSY|database is locked/i.test(`${err.code} ${msg}`))
    return `${label} is locked by another run (waited ${BUSY_TIMEOUT_MS / 1000} s); try again when it has finished`;
  if (/SQLITE_NOTADB|file is not a database|SQLITE_CORRUPT|malformed/i.test(`${err.code} ${msg}`))
    return `${label} is not a dprk-check history database, or it is damaged (${msg}); restore it from a backup or name another file`;
  if (/SQLITE_CANTOPEN|unable to open|SQLITE_READONLY|readonly/i.test(`${err.code} ${msg}`))
    return `cannot open ${label} for writing (${msg}); check that its directory exists and is writable`;
  return `${label}: ${msg}`;
}

function wrap<T>(label: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof HistoryError) throw e;
    throw new HistoryError(sqliteMessage(e, label));
  }
}

/** A file database in WAL mode (readers never block the one writer), with a busy timeout for concurrent runs. */
export async function openSqlite(path: string, label: string): Promise<SqlDb> {
  driver ??= loadDriver();
  const { open } = await driver;
  const db = wrap(label, () => open(path));
  const statements = new Map<string, ReturnType<SyncDatabase['prepare']>>();
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
  wrap(label, () => {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
  });
  let depth = 0;
  return {
    dialect: 'sqlite',
    all: async (sql, params = []) => wrap(label, () => prepared(sql).all(...params) as Row[]),
    run: async (sql, params = []) => {
      wrap(label, () => prepared(sql).run(...params));
    },
    transaction: async (fn) => {
      if (depth > 0) return fn();
      // IMMEDIATE takes the write lock at once: two runs never both read, then both fail to write.
      wrap(label, () => db.exec('BEGIN IMMEDIATE'));
      depth++;
      try {
        const out = await fn();
        wrap(label, () => db.exec('COMMIT'));
        return out;
      } catch (e) {
        try {
          db.exec('ROLLBACK');
        } catch {
          // already rolled back by SQLite
        }
        throw e;
      } finally {
        depth--;
      }
    },
    close: async () => {
      try {
        db.close();
      } catch {
        // closing twice, or after a failed open
      }
    },
  };
}
