import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, test } from 'vitest';
import { run } from '../../src/cli/program.js';
import type { CliIO } from '../../src/cli/io.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EXPORT = 'fixtures/batch/export.ndjson';
const tmp = mkdtempSync(join(tmpdir(), 'dprk-batch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  json: () => Report;
}
interface Report {
  summary: { total: number; evaluated: number; invalid: number; byLevel: Record<string, number> };
  applicants: Array<{ id: string; source: string; level: string; score: number; findings: Array<{ ruleId: string; family: string; severity: string }> }>;
  links: Array<{ kind: string; severity: string; applicants: string[]; scope?: string }>;
  errors: Array<{ source: string; message: string }>;
  interrupted?: boolean;
  linkKeys?: unknown[];
}

async function cli(argv: string[], extra: Partial<CliIO> = {}): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([]),
    env: {},
    cwd: ROOT,
    now: () => new Date('2026-11-01T00:00:00Z'),
    ...extra,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Report };
}
const exportLines = readFileSync(join(ROOT, EXPORT), 'utf8').split('\n');
const stdinOf = (lines: string[]) => Readable.from([Buffer.from(`${lines.join('\n')}\n`)]);
const byId = (r: Report) => Object.fromEntries(r.applicants.map((a) => [a.id, a]));
const linkSet = (r: Report) => r.links.map((l) => `${l.kind}:${l.applicants.join(',')}`).sort();

describe('batch: an export with broken records, a laptop-farm cluster and ordinary applicants', () => {
  test('every record is accounted for, with its source, and the counts add up', async () => {
    const r = await cli(['-f', 'json', EXPORT]);
    const report = r.json();
    const nonBlank = exportLines
      .map((l, i) => [l, i + 1] as const)
      .filter(([l]) => l.trim())
      .map(([, n]) => `${EXPORT}#${n}`);
    const seen = [...report.applicants.map((a) => a.source), ...report.errors.map((e) => e.source)].sort();
    expect(seen).toEqual([...nonBlank].sort());
    expect(report.summary.total).toBe(nonBlank.length);
    expect(report.summary.evaluated + report.summary.invalid).toBe(report.summary.total);
    expect(Object.values(report.summary.byLevel).reduce((a, b) => a + b, 0)).toBe(report.summary.evaluated);
    expect(report.errors.map((e) => e.source)).toEqual([`${EXPORT}#7`, `${EXPORT}#15`, `${EXPORT}#16`]);
  });

  test('the broken records make the run exit 2, whatever --fail-on says; the rest are still checked', async () => {
    const r = await cli(['-f', 'json', '--fail-on', 'never', EXPORT]);
    expect(r.code).toBe(2);
    expect(r.json().summary.evaluated).toBe(11);
    expect(r.stderr).toContain(`${EXPORT}#7: line 7 is not valid JSON`);
  });

  test('the cluster is linked and its members raised; ordinary applicants are not', async () => {
    const report = (await cli(['-f', 'json', EXPORT])).json();
    expect(linkSet(report)).toEqual(
      expect.arrayContaining(['shared-payout-account:cand-2001,cand-2002,cand-2003', 'shared-ship-to:cand-2001,cand-2002,cand-2003,cand-2004']),
    );
    expect(report.links.find((l) => l.kind === 'shared-payout-account')!.severity).toBe('critical');
    const a = byId(report);
    for (const id of ['cand-2001', 'cand-2002', 'cand-2003']) expect(a[id]!.level).toBe('critical');
    expect(a['cand-2004']!.level).toBe('high');
    for (const id of ['cand-1001', 'cand-1002', 'cand-1005']) expect(a[id]).toMatchObject({ level: 'none', findings: [] });

    // The same member checked on its own has no link against it and stays below critical: the batch raised it.
    const alone = (await cli(['-f', 'json', '-'], { stdin: stdinOf([exportLines[7]!]) })).json().applicants[0];
    expect(alone.id).toBe('cand-2001');
    expect(alone.findings.filter((f: { family: string }) => f.family === 'linkage')).toEqual([]);
    expect(alone.level).not.toBe('critical');
  });

  test('a household sharing a home is linked at low, and stays low', async () => {
    const a = byId((await cli(['-f', 'json', EXPORT])).json());
    expect(a['cand-1003']!.findings.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(['linkage.shared-address:low']);
    expect(a['cand-1003']!.level).toBe('low');
  });

  test("--allow-shared removes the staffing agency's phone from linking, nothing else", async () => {
    const plain = (await cli(['-f', 'json', EXPORT])).json();
    const allowed = (await cli(['-f', 'json', '--allow-shared', 'fixtures/batch/allow-shared.yaml', EXPORT])).json();
    expect(linkSet(plain)).toContain('shared-phone:cand-3001,cand-3002');
    expect(linkSet(allowed)).toEqual(linkSet(plain).filter((l) => l !== 'shared-phone:cand-3001,cand-3002'));
    expect(byId(allowed)['cand-3001']!.level).toBe('none');
  });

  test('without the broken records the cluster alone fails the gate with exit 1', async () => {
    const r = await cli(['-f', 'json', '-'], { stdin: stdinOf(exportLines.slice(7, 11)) });
    expect(r.code).toBe(1);
    expect(r.json().applicants.map((a) => a.source)).toEqual(['<stdin>#1', '<stdin>#2', '<stdin>#3', '<stdin>#4']);
  });
});

describe('batch: shards and merge', () => {
  test('two shards merged give the links, levels and counts of a single run', async () => {
    const single = (await cli(['-f', 'json', EXPORT])).json();
    const parts = [join(tmp, 'r1.json'), join(tmp, 'r2.json')];
    const sizes: number[] = [];
    for (const [i, out] of parts.entries()) {
      const r = await cli(['--shard', `${i + 1}/2`, '-f', 'json', '-o', out, EXPORT]);
      expect([1, 2]).toContain(r.code);
      const part = JSON.parse(readFileSync(out, 'utf8')) as Report;
      expect(part.linkKeys).toBeDefined();
      sizes.push(part.summary.total);
    }
    expect(sizes[0]! + sizes[1]!).toBe(single.summary.total);
    const merged = await cli(['merge', ...parts]);
    expect(merged.code).toBe(2);
    const m = merged.json();
    expect(m.summary).toEqual(single.summary);
    expect(linkSet(m)).toEqual(linkSet(single));
    const levels = (r: Report) => Object.fromEntries(r.applicants.map((a) => [a.source, a.level]));
    expect(levels(m)).toEqual(levels(single));
  });

  test('reports without link keys merge with their links marked shard-local', async () => {
    const out = join(tmp, 'plain.json');
    await cli(['-f', 'json', '-o', out, EXPORT]);
    const merged = await cli(['merge', out]);
    expect(merged.json().links.every((l) => l.scope === 'shard-local')).toBe(true);
    expect(merged.stderr).toMatch(/carries no link keys/);
  });

  test('a bad shard spec or input format is refused before anything is read', async () => {
    const bad = await cli(['--shard', '3/2', EXPORT]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("dprk-check: --shard '3/2': the shard index must be between 1 and 2\n");
    const fmt = await cli(['--input-format', 'workday', EXPORT]);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toMatch(/invalid/);
  });

  test('merge refuses a file that is not a report', async () => {
    const r = await cli(['merge', EXPORT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not valid JSON|not a dprk-check JSON report/);
  });
});

describe('batch: progress and Ctrl-C', () => {
  class FakeTty extends Writable {
    text = '';
    isTTY = true;
    columns = 80;
    override _write(chunk: Buffer, _enc: string, done: () => void) {
      this.text += chunk.toString();
      done();
    }
    cursorTo() {
      return true;
    }
    moveCursor() {
      return true;
    }
    clearLine() {
      return true;
    }
  }

  test('the spinner goes to a terminal stderr only, never to stdout, and not in CI', async () => {
    const tty = new FakeTty();
    const r = await cli(['-f', 'json', EXPORT], { stderr: tty });
    expect(tty.text).toMatch(/Reading applicants|Checked/);
    expect(() => r.json()).not.toThrow();
    const ci = new FakeTty();
    await cli(['-f', 'json', EXPORT], { stderr: ci, env: { CI: 'true' } });
    expect(ci.text).not.toMatch(/Reading applicants|Checked/);
  });

  test('a terminal that reports no width (an unsized pseudo-terminal) still gets a spinner that ends', async () => {
    // ora once divided by these 0 columns and cleared lines forever, deaf even to Ctrl-C; this
    // terminal throws past 10,000 cleared lines, so such a loop fails the test instead of hanging it.
    class UnsizedTty extends FakeTty {
      cleared = 0;
      override columns = 0;
      override clearLine() {
        if (++this.cleared > 10_000) throw new Error('the spinner does not stop clearing lines');
        return true;
      }
    }
    const tty = new UnsizedTty();
    const r = await cli(['-f', 'json', EXPORT], { stderr: tty });
    expect(tty.text).toMatch(/Reading applicants|Checked/);
    expect(tty.cleared).toBeLessThan(10_000);
    expect(r.json().summary.total).toBeGreaterThan(0);
  });

  test('Ctrl-C stops reading, still writes a report of what was read, and exits 130', async () => {
    const controller = new AbortController();
    const lines = exportLines.filter((l) => l.trim());
    async function* slowStdin() {
      for (const [i, l] of lines.entries()) {
        if (i === 3) controller.abort();
        yield Buffer.from(`${l}\n`);
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    const r = await cli(['-f', 'json', '-'], { stdin: Readable.from(slowStdin()), signal: controller.signal });
    expect(r.code).toBe(130);
    const report = r.json();
    expect(report.interrupted).toBe(true);
    expect(report.summary.total).toBeGreaterThan(0);
    expect(report.summary.total).toBeLessThan(lines.length);
    expect(report.summary.evaluated + report.summary.invalid).toBe(report.summary.total);
    expect(r.stderr).toMatch(/interrupted after \d+ records/);
  });
});
