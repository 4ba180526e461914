import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { HistoryError } from './history-error.js';
import { notRegularProblem } from '../util/read-side-file.js';
import { openSqlite } from './sqlite-db.js';
import { openPostgres, redactUrl } from './postgres-db.js';
import { SqlHistoryStore } from './sql-store.js';
import type { HistoryStore } from './store.js';

export const isPostgresUrl = (spec: string) => /^postgres(ql)?:\/\//i.test(spec);

/** How a history is named in messages and reports. */
export function historyLabel(spec: string): string {
  return isPostgresUrl(spec) ? redactUrl(spec) : spec;
}

/**
 * `--history PATH` (an SQLite file, created when missing) or `--history postgres://…`. `existing`:
 * the file must be there already — what `history`, `history prune` and `review` read or change:
 * a mistyped path must not become a new, empty history that answers "no runs yet".
 */
export async function openHistory(spec: string, cwd: string, { existing = false }: { existing?: boolean } = {}): Promise<HistoryStore> {
  if (isPostgresUrl(spec)) return SqlHistoryStore.open(await openPostgres(spec), `the PostgreSQL history at ${redactUrl(spec)}`);
  const path = resolve(cwd, spec);
  const label = `the history database ${spec}`;
  const st = statSync(path, { throwIfNoEntry: false });
  if (st?.isDirectory()) throw new HistoryError(`${label} is a directory; name a file, e.g. ${spec.replace(/\/+$/, '')}/history.db`);
  // SQLite would open a FIFO and wait, or write a -journal file beside a device (/dev/null-journal).
  if (st && !st.isFile()) throw new HistoryError(`${label} ${notRegularProblem(st, 'opening')}; name an SQLite file (a new path creates one)`);
  if (!st && existing) throw new HistoryError(`${label} does not exist (check the path; a check run with --history ${spec} creates it)`);
  if (!st && !existsSync(dirname(path))) throw new HistoryError(`cannot create ${label}: the directory ${dirname(spec) || '.'} does not exist`);
  const db = await openSqlite(path, label);
  try {
    return await SqlHistoryStore.open(db, label);
  } catch (e) {
    await db.close();
    throw e;
  }
}
