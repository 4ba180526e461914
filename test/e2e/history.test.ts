import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../../src/cli/program.js';
import { memoryIO } from '../helpers/memory-io.js';
import { freshDatabase, postgresUrl } from '../helpers/postgres.js';
import { sqliteAvailable } from '../helpers/sqlite.js';

const ROOT = resolve(import.meta.dirname, '../..');
const AUG = 'fixtures/history/2026-08-export.json';
const SEP = 'fixtures/history/2026-09-export.json';
const PG = postgresUrl();
const SQLITE = await sqliteAvailable();
const dir = mkdtempSync(join(tmpdir(), 'dprk-hist-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A CLI run on a given day, from the repository root (where the fixtures are). */
async function cli(args: string[], day: string) {
  const m = memoryIO(ROOT);
  m.io.now = () => new Date(`${day}T09:00:00Z`);
  const code = await run(['--no-config', ...args], m.io);
  return { code, out: m.stdout(), err: m.stderr() };
}
async function sub(args: string[], day = '2026-09-15') {
  const m = memoryIO(ROOT);
  m.io.now = () => new Date(`${day}T09:00:00Z`);
  const code = await run(args, m.io);
  return { code, out: m.stdout(), err: m.stderr() };
}

/** Field values that are vocabulary (bank, home, video), not anything about a person. */
const VOCABULARY = new Set(['id', 'method', 'type', 'kind', 'relationship']);

/** Every string value in input records (ids aside, which the history keeps on purpose). */
function inputValues(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const docs: unknown[] = file.endsWith('.ndjson')
    ? text.split('\n').flatMap((l) => {
        try {
          return [JSON.parse(l)];
        } catch {
          return [];
        }
      })
    : [JSON.parse(text)];
  const out: string[] = [];
  const walk = (v: unknown, key?: string) => {
    if (typeof v === 'string' && !VOCABULARY.has(key ?? '') && v.length >= 4) out.push(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  docs.forEach((d) => walk(d));
  return out;
}

const stores: Array<[string, () => Promise<{ spec: string; drop: () => Promise<void> }>]> = [];
if (SQLITE) stores.push(['SQLite', async () => ({ spec: join(mkdtempSync(join(dir, 's-')), 'hr.db'), drop: async () => {} })]);
if (PG)
  stores.push([
    'PostgreSQL',
    async () => {
      const d = await freshDatabase(PG);
      return { spec: d.url, drop: d.drop };
    },
  ]);

describe.each(stores)('two runs a month apart, %s history', (name, make) => {
  test('the September applicant is linked to the August one through the shared payout account; a review shows next time', async () => {
    const { spec, drop } = await make();
    try {
      const first = await cli(['--history', spec, '-f', 'json', AUG], '2026-08-14');
      expect(first.code).toBe(0);
      const html = join(dir, `${name}-sep.html`);
      const second = await cli(['--history', spec, '-f', 'json', '-f', `html:${html}`, SEP], '2026-09-14');
      expect(second.code).toBe(1);
      const report = JSON.parse(second.out);
      const kevin = report.applicants.find((a: { id: string }) => a.id === 'cand-907');
      const link = kevin.findings.find((f: { ruleId: string }) => f.ruleId === 'linkage.shared-payout-account');
      expect(link.severity).toBe('critical');
      expect(link.evidence.join(' ')).toContain('shared with cand-812 (history: run 1, checked 2026-08-14)');
      expect(report.applicants.find((a: { id: string }) => a.id === 'cand-908').level).toBe('none');
      expect(report.links).toEqual([expect.objectContaining({ kind: 'shared-payout-account', applicants: ['cand-907', 'cand-812'] })]);
      // The old applicant is not in this report: it was checked last month.
      expect(report.applicants.map((a: { id: string }) => a.id)).toEqual(['cand-907', 'cand-908']);
      const page = readFileSync(html, 'utf8');
      expect(page).toContain('cand-812</span> <span class="src">(run 1, checked 2026-08-14)</span>');
      expect(page).toMatch(/this is run 2; 1 earlier run compared/);

      // Review: cleared. The next run (same findings) shows it as reviewed, and --new-only leaves it out.
      const review = await sub([
        'review',
        'cand-907',
        '--status',
        'cleared',
        '--note',
        'Agency pays both; contract seen',
        '--by',
        'J. Park',
        '--history',
        spec,
      ]);
      expect(review.code).toBe(0);
      expect(review.out).toContain('cand-907 cleared by J. Park');
      const html3 = join(dir, `${name}-oct.html`);
      const json3 = join(dir, `${name}-oct.json`);
      const third = await cli(['--history', spec, '-f', `html:${html3}`, '-f', `json:${json3}`, '-f', 'text', SEP], '2026-10-01');
      expect(third.code).toBe(1);
      // Every report that speaks of the applicant shows the decision and the earlier checks, not HTML alone.
      expect(third.out).toContain('Review: reviewed: cleared — cleared by J. Park on 2026-09-15 (findings unchanged since): Agency pays both; contract seen');
      expect(third.out).toMatch(/Earlier checks:\n {2}– run 2, 2026-09-14: level critical, .*linkage\.shared-payout-account/);
      const kevin3 = JSON.parse(readFileSync(json3, 'utf8')).applicants.find((a: { id: string }) => a.id === 'cand-907');
      expect(kevin3.review).toEqual({
        status: 'cleared',
        by: 'J. Park',
        at: expect.stringMatching(/^2026-09-15/),
        note: 'Agency pays both; contract seen',
        unchanged: true,
      });
      expect(kevin3.history).toEqual([expect.objectContaining({ runId: 2, level: 'critical' })]);
      const page3 = readFileSync(html3, 'utf8');
      expect(page3).toContain('<strong>Review: reviewed: cleared</strong> — cleared by J. Park on 2026-09-15 (findings unchanged since).');
      expect(page3).toContain('Agency pays both; contract seen');
      expect(page3).toMatch(/Earlier checks of this applicant/);
      const newOnly = await cli(['--history', spec, '--new-only', '-f', 'json', SEP], '2026-10-02');
      expect(newOnly.code).toBe(0);
      expect(JSON.parse(newOnly.out).applicants.map((a: { id: string }) => a.id)).toEqual(['cand-908']);
      expect(newOnly.err).toContain('1 reviewed applicant whose findings have not changed left out');

      const runs = await sub(['history', '--history', spec]);
      expect(runs.out.match(/^\s+\d+\s+2026-/gm)).toHaveLength(4);
      const one = await sub(['history', '--history', spec, '--applicant', 'cand-907']);
      expect(one.out).toContain('latest review: cleared by J. Park');
      const unknown = await sub(['review', 'cand-nobody', '--status', 'escalated', '--note', 'x', '--history', spec]);
      expect(unknown.code).toBe(2);
      expect(unknown.err).toMatch(/no applicant 'cand-nobody'/);
    } finally {
      await drop();
    }
  }, 60000);
});

describe.runIf(SQLITE)('what the SQLite history holds', () => {
  test('no input value is in the database file: no name, e-mail, phone, address or account fingerprint', async () => {
    const d = mkdtempSync(join(dir, 'pii-'));
    const db = join(d, 'hr.db');
    await cli(['--history', db, '-f', 'json', AUG], '2026-08-14');
    await cli(['--history', db, '-f', 'json', SEP, 'fixtures/batch/export.ndjson', 'fixtures/flagged-payroll.json'], '2026-09-14');
    const bytes = readdirSync(d)
      .map((f) => readFileSync(join(d, f)).toString('latin1'))
      .join('\n');
    const values = [AUG, SEP, 'fixtures/flagged-payroll.json', 'fixtures/batch/export.ndjson'].flatMap(inputValues);
    expect(values.length).toBeGreaterThan(100);
    expect(values.filter((v) => bytes.includes(v))).toEqual([]);
    // File paths are not kept either (a file name may be a person's name).
    expect(bytes).not.toContain('2026-08-export');
    // What it does keep: the ids and the rule ids.
    expect(bytes).toContain('cand-907');
    expect(bytes).toContain('linkage.shared-payout-account');
  }, 30000);

  test('retention: a run older than --retention is pruned at the next run and never linked to', async () => {
    const d = mkdtempSync(join(dir, 'ret-'));
    const db = join(d, 'hr.db');
    await cli(['--history', db, AUG], '2025-01-10');
    const later = await cli(['--history', db, '--retention', '90d', '-f', 'json', SEP], '2026-09-14');
    expect(later.code).toBe(0);
    expect(JSON.parse(later.out).links).toEqual([]);
    const runs = await sub(['history', '--history', db]);
    expect(runs.out.match(/^\s+\d+\s+2026-/gm)).toHaveLength(1);
    expect(runs.out).not.toContain('2025-01-10');
    const prune = await sub(['history', 'prune', '--history', db, '--retention', '1d'], '2027-01-01');
    expect(prune.out).toMatch(/Pruned .*: 1 run \(2 applicant records\)/);
  }, 30000);
});

describe('bad history input: one clear message, exit 2, nothing recorded', () => {
  test('a history path in a directory that does not exist', async () => {
    const r = await cli(['--history', join(dir, 'missing/hr.db'), AUG], '2026-08-14');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot create the history database .*: the directory .* does not exist; nothing was checked/);
  });

  test('history, history prune and review never create a history: a mistyped path is an error, not an empty history', async () => {
    const typo = join(dir, 'hsitory.db');
    for (const args of [
      ['history', '--history', typo],
      ['history', 'prune', '--history', typo],
      ['review', 'cand-907', '--status', 'cleared', '--note', 'checked', '--history', typo],
    ]) {
      const r = await sub(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/the history database .*hsitory\.db does not exist \(check the path; a check run with --history .* creates it\)/);
      expect(r.out).not.toMatch(/No runs recorded/);
      expect(readdirSync(dir)).not.toContain('hsitory.db');
    }
  });

  test('a PostgreSQL URL that cannot connect', async () => {
    const r = await cli(['--history', 'postgres://hr:pw@127.0.0.1:1/x', AUG], '2026-08-14');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot connect to the PostgreSQL history at postgres:\/\/hr:\*\*\*@127.0.0.1:1\/x/);
    expect(r.err).not.toContain(':pw@');
  });

  test('--new-only without a history, and a retention it cannot read', async () => {
    expect((await cli(['--new-only', AUG], '2026-08-14')).err).toMatch(/--new-only needs a history/);
    const r = await cli(['--history', join(dir, 'x.db'), '--retention', 'forever', AUG], '2026-08-14');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--retention forever/);
  });

  test('an HTML output path that is a directory fails before anything is checked', async () => {
    const out = join(dir, 'a-dir');
    mkdirSync(out, { recursive: true });
    const r = await cli(['-f', `html:${out}`, AUG], '2026-08-14');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--format html: .* is a directory/);
  });
});

describe.runIf(SQLITE)('concurrent runs on one SQLite history', () => {
  test('four processes at once: every run recorded whole, none lost', async () => {
    const { spawn } = await import('node:child_process');
    const d = mkdtempSync(join(dir, 'conc-'));
    const db = join(d, 'hr.db');
    const bin = join(ROOT, 'bin/dprk-check.js');
    const one = (file: string) =>
      new Promise<number>((done) => {
        const p = spawn(process.execPath, [bin, '--no-config', '--history', db, '-f', 'json:/dev/null', file], { cwd: ROOT, stdio: 'ignore' });
        p.on('close', (code) => done(code ?? -1));
      });
    const codes = await Promise.all([AUG, SEP, AUG, SEP].map(one));
    expect(codes.every((c) => c === 0 || c === 1)).toBe(true);
    const runs = await sub(['history', '--history', db]);
    expect(runs.out.match(/^\s+\d+\s+20\d\d-/gm)).toHaveLength(4);
    expect(runs.out.match(/^\s+\d+\s+\S+ \S+\s+2\s/gm)).toHaveLength(4);
  }, 60000);
});

describe('history: in .dprk-check.yaml', () => {
  test.runIf(SQLITE).each([
    ['a path, relative to the file', 'history: hr.db\n'],
    ['store and retention', 'history:\n  store: hr.db\n  retention: 30d\n'],
  ])('%s', async (_what, yaml) => {
    const { writeFileSync, existsSync, copyFileSync } = await import('node:fs');
    const d = mkdtempSync(join(dir, 'cfg-'));
    mkdirSync(join(d, 'conf'));
    writeFileSync(join(d, 'conf/.dprk-check.yaml'), yaml);
    copyFileSync(join(ROOT, AUG), join(d, 'aug.json'));
    const m = memoryIO(d);
    expect(await run(['--config', 'conf/.dprk-check.yaml', 'aug.json'], m.io)).toBe(0);
    expect(existsSync(join(d, 'conf/hr.db'))).toBe(true);
    const h = memoryIO(d);
    expect(await run(['history', '--config', 'conf/.dprk-check.yaml'], h.io)).toBe(0);
    expect(h.stdout()).toMatch(/^\s+1\s+2026-11-01/m);
  });

  test('a retention the schema does not know is a configuration error', async () => {
    const { writeFileSync } = await import('node:fs');
    const d = mkdtempSync(join(dir, 'cfg-bad-'));
    writeFileSync(join(d, '.dprk-check.yaml'), 'history:\n  store: hr.db\n  retention: forever\n');
    const m = memoryIO(d);
    expect(await run(['x.json'], m.io)).toBe(2);
    expect(m.stderr()).toMatch(/retention/);
  });
});
