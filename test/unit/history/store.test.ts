import { afterEach, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistory } from '../../../src/history/open-store.js';
import { HistoryError } from '../../../src/history/history-error.js';
import type { HistoryStore, RunRecord } from '../../../src/history/store.js';
import { freshDatabase, postgresUrl } from '../../helpers/postgres.js';
import { sqliteAvailable } from '../../helpers/sqlite.js';

const PG = postgresUrl();
const SQLITE = await sqliteAvailable();
const KEY_A = '1111111111111111';
const KEY_B = '2222222222222222';

function run(checkedAt: string, applicants: Array<Partial<RunRecord['applicants'][number]> & { applicantId: string }>): RunRecord {
  return {
    checkedAt,
    toolVersion: '0.0.0-test',
    rulesVersion: 'r1',
    inputs: [{ sha256: 'ab'.repeat(32), bytes: 10 }],
    applicants: applicants.map((a) => ({ person: '0000abcd', level: 'none', score: 0, ruleIds: [], keys: [], ...a })),
  };
}

/** One suite, two back ends: whatever passes on SQLite must pass on PostgreSQL. */
const backends: Array<[string, () => Promise<{ spec: string; cleanup: () => Promise<void> }>]> = [];
if (SQLITE)
  backends.push([
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'dprk-hist-'));
      return { spec: join(dir, 'history.db'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  ]);
if (PG)
  backends.push([
    'PostgreSQL',
    async () => {
      const db = await freshDatabase(PG);
      return { spec: db.url, cleanup: db.drop };
    },
  ]);

describe.each(backends)('history store on %s', (_name, make) => {
  let cleanup: (() => Promise<void>) | undefined;
  let store: HistoryStore | undefined;
  const open = async () => {
    const m = await make();
    cleanup = m.cleanup;
    store = await openHistory(m.spec, process.cwd());
    return { store, spec: m.spec };
  };
  afterEach(async () => {
    await store?.close();
    store = undefined;
    await cleanup?.();
  });

  test('records runs and lists them; entries per applicant, oldest first', async () => {
    const { store: s } = await open();
    expect(await s.listRuns()).toEqual([]);
    const r1 = await s.recordRun(
      run('2026-08-14T10:00:00.000Z', [
        { applicantId: 'cand-812', level: 'medium', score: 30, ruleIds: ['payroll.x', 'payroll.x'], keys: [`bank-account:${KEY_A}:0`] },
      ]),
    );
    const r2 = await s.recordRun(
      run('2026-09-14T10:00:00.000Z', [
        { applicantId: 'cand-812', level: 'high', score: 60, ruleIds: ['payroll.x', 'linkage.y'] },
        { applicantId: 'cand-900' },
      ]),
    );
    expect(r2).toBeGreaterThan(r1);
    const runs = await s.listRuns();
    expect(runs.map((r) => [r.runId, r.applicants, r.flagged])).toEqual([
      [r1, 1, 1],
      [r2, 2, 1],
    ]);
    const e = (await s.entries(['cand-812', 'nobody'])).get('cand-812')!;
    expect(e.map((x) => [x.runId, x.level, x.ruleIds])).toEqual([
      [r1, 'medium', ['payroll.x']],
      [r2, 'high', ['payroll.x', 'linkage.y']],
    ]);
    expect(await s.countRuns()).toBe(2);
  });

  test('earlier applicants by key: the latest record of each id, never the ids of this run, none past retention', async () => {
    const { store: s } = await open();
    await s.recordRun(run('2026-01-01T00:00:00.000Z', [{ applicantId: 'cand-old', keys: [`phone:${KEY_B}:0`] }]));
    const r2 = await s.recordRun(
      run('2026-08-14T00:00:00.000Z', [
        { applicantId: 'cand-812', keys: [`bank-account:${KEY_A}:0`, `phone:${KEY_B}:0`] },
        { applicantId: 'cand-7', keys: [`bank-account:${KEY_A}:0`] },
      ]),
    );
    const r3 = await s.recordRun(run('2026-08-20T00:00:00.000Z', [{ applicantId: 'cand-812', keys: [`bank-account:${KEY_A}:0`] }]));
    const found = await s.earlierByKeys([KEY_A, KEY_B], new Set(['cand-7']), '2026-06-01T00:00:00.000Z');
    expect(found).toEqual([
      { applicantId: 'cand-812', runId: r3, checkedAt: '2026-08-20T00:00:00.000Z', level: 'none', person: '0000abcd', keys: [`bank-account:${KEY_A}:0`] },
    ]);
    expect(r2).toBeLessThan(r3);
    const all = await s.earlierByKeys([KEY_B], new Set(), '2025-01-01T00:00:00.000Z');
    expect(all.map((f) => f.applicantId).sort()).toEqual(['cand-812', 'cand-old']);
    expect(await s.earlierByKeys(['ffffffffffffffff'], new Set(), '2000-01-01')).toEqual([]);
  });

  test('many keys at once are looked up in chunks', async () => {
    const { store: s } = await open();
    const keys = Array.from({ length: 1200 }, (_, i) => i.toString(16).padStart(16, '0'));
    await s.recordRun(run('2026-08-14T00:00:00.000Z', [{ applicantId: 'cand-1', keys: keys.map((k, i) => `session-ip:${k}:${i}`) }]));
    const found = await s.earlierByKeys(keys, new Set(), '2000-01-01');
    expect(found[0]!.keys).toHaveLength(1200);
  });

  test('reviews: only of applicants it has seen; the latest decision wins', async () => {
    const { store: s } = await open();
    await s.recordRun(run('2026-08-14T00:00:00.000Z', [{ applicantId: 'cand-812' }]));
    await expect(s.addReview({ applicantId: 'cand-999', status: 'cleared', note: 'n', by: 'x', at: '2026-08-15T00:00:00.000Z' })).rejects.toThrow(
      /no applicant 'cand-999'/,
    );
    await s.addReview({ applicantId: 'cand-812', status: 'escalated', note: 'sent on', by: 'A. Reviewer', at: '2026-08-15T00:00:00.000Z', findings: 'f1' });
    await s.addReview({ applicantId: 'cand-812', status: 'cleared', note: 'agency account', by: 'B. Lead', at: '2026-08-16T00:00:00.000Z', findings: 'f1' });
    expect((await s.latestReviews(['cand-812'])).get('cand-812')).toEqual({
      status: 'cleared',
      note: 'agency account',
      by: 'B. Lead',
      at: '2026-08-16T00:00:00.000Z',
      findings: 'f1',
    });
  });

  test('a run is one transaction: a failure part-way records nothing', async () => {
    const { store: s } = await open();
    const bad = run('2026-08-14T00:00:00.000Z', [{ applicantId: 'cand-1' }, { applicantId: 'cand-2', level: null as never }]);
    await expect(s.recordRun(bad)).rejects.toThrow();
    expect(await s.countRuns()).toBe(0);
    expect((await s.entries(['cand-1'])).size).toBe(0);
  });

  test('prune: runs, their applicants and keys, and reviews older than the cutoff go', async () => {
    const { store: s } = await open();
    await s.recordRun(run('2025-01-01T00:00:00.000Z', [{ applicantId: 'cand-1', keys: [`phone:${KEY_A}:0`] }]));
    await s.addReview({ applicantId: 'cand-1', status: 'cleared', note: 'n', by: 'x', at: '2025-01-02T00:00:00.000Z' });
    await s.recordRun(run('2026-08-14T00:00:00.000Z', [{ applicantId: 'cand-2', keys: [`phone:${KEY_B}:0`] }]));
    expect(await s.prune('2026-01-01T00:00:00.000Z')).toEqual({ runs: 1, applicants: 1, reviews: 1 });
    expect((await s.listRuns()).map((r) => r.checkedAt)).toEqual(['2026-08-14T00:00:00.000Z']);
    expect(await s.earlierByKeys([KEY_A], new Set(), '2000-01-01')).toEqual([]);
    expect((await s.latestReviews(['cand-1'])).size).toBe(0);
  });

  test('a history written by a newer version is refused, not read', async () => {
    const { store: s, spec } = await open();
    await s.close();
    store = undefined;
    // Bump the schema number as a later version would.
    const again = await openHistory(spec, process.cwd());
    await (again as unknown as { db: { run: (q: string) => Promise<void> } }).db.run("UPDATE dprk_meta SET value = '99' WHERE name = 'schema'");
    await again.close();
    await expect(openHistory(spec, process.cwd())).rejects.toThrow(/newer dprk-check \(history schema 99/);
  });
});

describe.runIf(SQLITE)('SQLite history: bad places', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dprk-hist-bad-'));
  afterEach(() => {});

  test('a file that is not a database', async () => {
    const f = join(dir, 'notes.db');
    writeFileSync(f, 'this is not sqlite, just text '.repeat(200));
    const e = await openHistory(f, dir).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HistoryError);
    expect((e as Error).message).toMatch(/not a dprk-check history database, or it is damaged/);
  });

  test('a directory, and a missing directory', async () => {
    mkdirSync(join(dir, 'sub'));
    await expect(openHistory('sub', dir)).rejects.toThrow(/is a directory/);
    await expect(openHistory('nope/history.db', dir)).rejects.toThrow(/directory nope does not exist/);
  });

  test('a database another run holds the write lock on', async () => {
    const f = join(dir, 'locked.db');
    const a = await openHistory(f, dir);
    const holder = (a as unknown as { db: { run: (q: string) => Promise<void> } }).db;
    await holder.run('BEGIN IMMEDIATE');
    const b = await openHistory(f, dir).catch((x: unknown) => x);
    await holder.run('ROLLBACK');
    await a.close();
    expect(b).toBeInstanceOf(HistoryError);
    expect((b as Error).message).toMatch(/is locked by another run/);
  }, 15000);
});

if (PG) {
  describe('PostgreSQL history: bad places', () => {
    test('a server that cannot be reached: one message, password not shown', async () => {
      const e = await openHistory('postgres://u:secret@127.0.0.1:1/none', process.cwd()).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(HistoryError);
      expect((e as Error).message).toMatch(/^cannot connect to the PostgreSQL history at postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/none/);
      expect((e as Error).message).not.toContain('secret');
    });
  });
}
