import type { HistoryEntry, ReviewDecision, ReviewStatus } from '../model/history.js';
import type { Level } from '../model/levels.js';
import { levelRank } from '../model/levels.js';
import { HistoryError } from './history-error.js';
import { SCHEMA_VERSION, schemaSql, type Param, type Row, type SqlDb } from './sql-db.js';
import type { EarlierApplicant, HistoryStore, ReviewRecord, RunRecord, RunSummary } from './store.js';

/** Bound parameters per statement: SQLite's default limit is 32 766, PostgreSQL's 65 535. */
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const num = (v: unknown) => Number(v);
const str = (v: unknown) => String(v);

/** The history over any SqlDb: one implementation of the queries for SQLite and PostgreSQL alike. */
export class SqlHistoryStore implements HistoryStore {
  private constructor(
    private readonly db: SqlDb,
    readonly label: string,
  ) {}

  /** Create the tables if the database is new; refuse one written by a newer version. */
  static async open(db: SqlDb, label: string): Promise<SqlHistoryStore> {
    const store = new SqlHistoryStore(db, label);
    await db.transaction(async () => {
      for (const sql of schemaSql(db.dialect)) await db.run(sql);
      const rows = await db.all("SELECT value FROM dprk_meta WHERE name = 'schema'");
      if (rows.length === 0) await db.run("INSERT INTO dprk_meta (name, value) VALUES ('schema', ?)", [String(SCHEMA_VERSION)]);
      else if (Number(rows[0]!.value) > SCHEMA_VERSION) {
        throw new HistoryError(
          `${label} was written by a newer dprk-check (history schema ${str(rows[0]!.value)}; this version reads schema ${SCHEMA_VERSION}): upgrade dprk-check, or use another history`,
        );
      }
    });
    return store;
  }

  async earlierByKeys(keys: string[], exclude: Set<string>, since: string): Promise<EarlierApplicant[]> {
    const unique = [...new Set(keys)];
    const found = new Map<string, { row: Row; keys: string[] }>();
    for (const part of chunks(unique)) {
      const rows = await this.db.all(
        `SELECT k.run_id, k.ordinal, k.role, k.key, k.idx, a.applicant_id, a.person, a.level, r.checked_at
         FROM dprk_keys k JOIN dprk_applicants a ON a.run_id = k.run_id AND a.ordinal = k.ordinal JOIN dprk_runs r ON r.id = k.run_id
         WHERE k.key IN (${marks(part.length)}) AND r.checked_at >= ?`,
        [...part, since],
      );
      for (const row of rows) {
        if (exclude.has(str(row.applicant_id))) continue;
        const id = `${str(row.run_id)}:${str(row.ordinal)}`;
        const entry = found.get(id) ?? { row, keys: [] };
        entry.keys.push(`${str(row.role)}:${str(row.key)}:${str(row.idx)}`);
        found.set(id, entry);
      }
    }
    // The latest record of each applicant id speaks for it: a persona checked twice is one link.
    const latest = new Map<string, { row: Row; keys: string[] }>();
    for (const e of found.values()) {
      const prev = latest.get(str(e.row.applicant_id));
      if (!prev || num(e.row.run_id) > num(prev.row.run_id)) latest.set(str(e.row.applicant_id), e);
    }
    return [...latest.values()]
      .sort((a, b) => num(a.row.run_id) - num(b.row.run_id) || num(a.row.ordinal) - num(b.row.ordinal))
      .map(({ row, keys: k }) => ({
        applicantId: str(row.applicant_id),
        runId: num(row.run_id),
        checkedAt: str(row.checked_at),
        level: str(row.level) as Level,
        person: str(row.person),
        keys: k.sort(),
      }));
  }

  async entries(applicantIds: string[]): Promise<Map<string, HistoryEntry[]>> {
    const out = new Map<string, HistoryEntry[]>();
    for (const part of chunks([...new Set(applicantIds)])) {
      const rows = await this.db.all(
        `SELECT a.applicant_id, a.run_id, a.level, a.rule_ids, r.checked_at, r.rules_version FROM dprk_applicants a JOIN dprk_runs r ON r.id = a.run_id
         WHERE a.applicant_id IN (${marks(part.length)}) ORDER BY a.run_id, a.ordinal`,
        part,
      );
      for (const row of rows) {
        const list = out.get(str(row.applicant_id)) ?? [];
        list.push({
          runId: num(row.run_id),
          checkedAt: str(row.checked_at),
          level: str(row.level) as Level,
          ruleIds: JSON.parse(str(row.rule_ids)) as string[],
          rulesVersion: str(row.rules_version),
        });
        out.set(str(row.applicant_id), list);
      }
    }
    return out;
  }

  async latestReviews(applicantIds: string[]): Promise<Map<string, ReviewDecision>> {
    const out = new Map<string, ReviewDecision>();
    for (const part of chunks([...new Set(applicantIds)])) {
      const rows = await this.db.all(
        `SELECT applicant_id, status, note, reviewer, at, findings FROM dprk_reviews WHERE applicant_id IN (${marks(part.length)}) ORDER BY id`,
        part,
      );
      for (const row of rows) {
        out.set(str(row.applicant_id), {
          status: str(row.status) as ReviewStatus,
          note: str(row.note),
          by: str(row.reviewer),
          at: str(row.at),
          findings: str(row.findings),
        });
      }
    }
    return out;
  }

  async recordRun(run: RunRecord): Promise<number> {
    return this.db.transaction(async () => {
      const flagged = run.applicants.filter((a) => levelRank(a.level) > 0).length;
      const rows = await this.db.all(
        'INSERT INTO dprk_runs (checked_at, tool_version, rules_version, applicants, flagged, inputs) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
        [run.checkedAt, run.toolVersion, run.rulesVersion, run.applicants.length, flagged, JSON.stringify(run.inputs)],
      );
      const runId = num(rows[0]!.id);
      const apps: Param[][] = run.applicants.map((a, ordinal) => [
        runId,
        ordinal,
        a.applicantId,
        a.person,
        a.level,
        a.score,
        JSON.stringify([...new Set(a.ruleIds)]),
      ]);
      for (const part of chunks(apps)) {
        await this.db.run(
          `INSERT INTO dprk_applicants (run_id, ordinal, applicant_id, person, level, score, rule_ids) VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          part.flat(),
        );
      }
      const keys: Param[][] = [];
      run.applicants.forEach((a, ordinal) => {
        for (const k of a.keys) {
          const [role, key, idx] = k.split(':');
          if (role && key) keys.push([runId, ordinal, role, key, Number(idx) || 0]);
        }
      });
      for (const part of chunks(keys)) {
        await this.db.run(`INSERT INTO dprk_keys (run_id, ordinal, role, key, idx) VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')}`, part.flat());
      }
      return runId;
    });
  }

  async addReview(review: ReviewRecord): Promise<void> {
    await this.db.transaction(async () => {
      const seen = await this.db.all('SELECT 1 AS one FROM dprk_applicants WHERE applicant_id = ? LIMIT 1', [review.applicantId]);
      if (seen.length === 0)
        throw new HistoryError(
          `no applicant '${review.applicantId}' in ${this.label}: only applicants checked with this history can be reviewed (run dprk-check --history first; dprk-check history lists the runs)`,
        );
      await this.db.run('INSERT INTO dprk_reviews (applicant_id, status, note, reviewer, at, findings) VALUES (?, ?, ?, ?, ?, ?)', [
        review.applicantId,
        review.status,
        review.note,
        review.by,
        review.at,
        review.findings ?? '',
      ]);
    });
  }

  async listRuns(): Promise<RunSummary[]> {
    const rows = await this.db.all('SELECT id, checked_at, tool_version, rules_version, applicants, flagged FROM dprk_runs ORDER BY id');
    return rows.map((r) => ({
      runId: num(r.id),
      checkedAt: str(r.checked_at),
      toolVersion: str(r.tool_version),
      rulesVersion: str(r.rules_version),
      applicants: num(r.applicants),
      flagged: num(r.flagged),
    }));
  }

  async countRuns(): Promise<number> {
    const rows = await this.db.all('SELECT COUNT(*) AS n FROM dprk_runs');
    return num(rows[0]!.n);
  }

  async prune(before: string): Promise<{ runs: number; applicants: number; reviews: number }> {
    return this.db.transaction(async () => {
      const count = async (sql: string) => num((await this.db.all(sql, [before]))[0]!.n);
      const runs = await count('SELECT COUNT(*) AS n FROM dprk_runs WHERE checked_at < ?');
      const applicants = await count('SELECT COUNT(*) AS n FROM dprk_applicants WHERE run_id IN (SELECT id FROM dprk_runs WHERE checked_at < ?)');
      const reviews = await count('SELECT COUNT(*) AS n FROM dprk_reviews WHERE at < ?');
      await this.db.run('DELETE FROM dprk_keys WHERE run_id IN (SELECT id FROM dprk_runs WHERE checked_at < ?)', [before]);
      await this.db.run('DELETE FROM dprk_applicants WHERE run_id IN (SELECT id FROM dprk_runs WHERE checked_at < ?)', [before]);
      await this.db.run('DELETE FROM dprk_runs WHERE checked_at < ?', [before]);
      await this.db.run('DELETE FROM dprk_reviews WHERE at < ?', [before]);
      return { runs, applicants, reviews };
    });
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
