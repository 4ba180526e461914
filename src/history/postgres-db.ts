import { HistoryError } from './history-error.js';
import type { Param, Row, SqlDb } from './sql-db.js';

interface PgClient {
  connect(): Promise<void>;
  query(sql: string, params?: Param[]): Promise<{ rows: Row[] }>;
  end(): Promise<void>;
  on(event: 'error', fn: (e: Error) => void): void;
}

/** The URL as messages may show it: never the password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/** `?` placeholders → `$1, $2…` (no query here has a literal '?'). */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** Every run and review writes under this advisory lock, so concurrent CI jobs queue rather than interleave. */
const LOCK = 0x64707263; // "dprc"

/**
 * A shared history on a PostgreSQL server, for teams whose CI runners are ephemeral. The password
 * is best left out of the URL: `pg` reads PGPASSWORD (and ~/.pgpass) itself.
 */
export async function openPostgres(url: string): Promise<SqlDb> {
  const label = `the PostgreSQL history at ${redactUrl(url)}`;
  let Client: new (o: { connectionString: string; connectionTimeoutMillis: number; statement_timeout: number }) => PgClient;
  try {
    const pkg = 'pg';
    const m = (await import(pkg)) as { default: { Client: typeof Client } };
    Client = m.default.Client;
  } catch (e) {
    throw new HistoryError(`a PostgreSQL history needs the package pg (npm install pg): ${(e as Error).message.split('\n')[0]}`);
  }
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000, statement_timeout: 60_000 });
  // A dropped connection between queries surfaces on the next query; do not crash on the event.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => {});
    throw new HistoryError(`cannot connect to ${label}: ${(e as Error).message || (e as { code?: string }).code}`);
  }
  const fail = (e: unknown): never => {
    if (e instanceof HistoryError) throw e;
    throw new HistoryError(`${label}: ${(e as Error).message}`);
  };
  let depth = 0;
  return {
    dialect: 'postgres',
    all: async (sql, params = []) => (await client.query(numbered(sql), params).catch(fail)).rows,
    run: async (sql, params = []) => {
      await client.query(numbered(sql), params).catch(fail);
    },
    transaction: async (fn) => {
      if (depth > 0) return fn();
      await client.query('BEGIN').catch(fail);
      depth++;
      try {
        await client.query(`SELECT pg_advisory_xact_lock(${LOCK})`).catch(fail);
        const out = await fn();
        await client.query('COMMIT').catch(fail);
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        depth--;
      }
    },
    close: () => client.end().catch(() => {}),
  };
}
