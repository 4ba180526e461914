/** The little an SQL back end must offer; queries use `?` placeholders (PostgreSQL's adapter numbers them). */
export type Row = Record<string, unknown>;
export type Param = string | number | null;

export interface SqlDb {
  dialect: 'sqlite' | 'postgres';
  all(sql: string, params?: Param[]): Promise<Row[]>;
  run(sql: string, params?: Param[]): Promise<void>;
  /** Runs `fn` in one transaction (write-locked from the start), committing or rolling back. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The schema this version writes and reads. A database with a higher number is refused, never guessed at. */
export const SCHEMA_VERSION = 1;

export function schemaSql(dialect: SqlDb['dialect']): string[] {
  const serial = dialect === 'sqlite' ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'BIGSERIAL PRIMARY KEY';
  return [
    'CREATE TABLE IF NOT EXISTS dprk_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)',
    `CREATE TABLE IF NOT EXISTS dprk_runs (id ${serial}, checked_at TEXT NOT NULL, tool_version TEXT NOT NULL, rules_version TEXT NOT NULL, applicants INTEGER NOT NULL, flagged INTEGER NOT NULL, inputs TEXT NOT NULL)`,
    'CREATE INDEX IF NOT EXISTS dprk_runs_checked ON dprk_runs (checked_at)',
    'CREATE TABLE IF NOT EXISTS dprk_applicants (run_id BIGINT NOT NULL, ordinal INTEGER NOT NULL, applicant_id TEXT NOT NULL, person TEXT NOT NULL, level TEXT NOT NULL, score INTEGER NOT NULL, rule_ids TEXT NOT NULL, PRIMARY KEY (run_id, ordinal))',
    'CREATE INDEX IF NOT EXISTS dprk_applicants_id ON dprk_applicants (applicant_id)',
    'CREATE TABLE IF NOT EXISTS dprk_keys (run_id BIGINT NOT NULL, ordinal INTEGER NOT NULL, role TEXT NOT NULL, key TEXT NOT NULL, idx INTEGER NOT NULL)',
    'CREATE INDEX IF NOT EXISTS dprk_keys_key ON dprk_keys (key)',
    'CREATE INDEX IF NOT EXISTS dprk_keys_run ON dprk_keys (run_id)',
    `CREATE TABLE IF NOT EXISTS dprk_reviews (id ${serial}, applicant_id TEXT NOT NULL, status TEXT NOT NULL, note TEXT NOT NULL, reviewer TEXT NOT NULL, at TEXT NOT NULL, findings TEXT NOT NULL)`,
    'CREATE INDEX IF NOT EXISTS dprk_reviews_id ON dprk_reviews (applicant_id)',
  ];
}
