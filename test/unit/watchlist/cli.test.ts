import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const ROOT = resolve(__dirname, '../../..');
const REAL = 'test/fixtures/watchlist/ofac-real';

// The one in-process harness (test/helpers/cli.ts), with this file's clock.
const cli = (args: string[]) => runCli(args, { cwd: ROOT, env: { NO_COLOR: '1' }, now: '2026-11-21T00:00:00Z' });

describe('dprk-check watchlist import on the files OFAC publishes', () => {
  test('all four files, Ctrl-Z lines and all: exit 0, and an applicant paid to an imported wallet is critical', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dprk-cli-wl-real-'));
    const r = await cli([
      'watchlist',
      'import',
      ...['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv'].map((f) => `${REAL}/${f}`),
      '--out',
      dir,
      '--date',
      '2026-11-20',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Read 9 rows');
    expect(r.stdout).toContain('list ofac-sdn-dprk-wallets: 20 entries');
    expect(r.stdout).toContain('rule affiliation.ofac-sdn-dprk-wallet');
    expect(r.stderr).not.toMatch(/warning/);
    const app = join(dir, 'a.json');
    writeFileSync(
      app,
      JSON.stringify({ id: 'x', name: { full: 'Jordan Miller' }, payroll: { method: 'crypto', cryptoWallet: '3N6WeZ6i34taX8Ditser6LKWBcXmt2XXL4' } }),
    );
    const c = await cli(['--rules', dir, '--format', 'json', app]);
    expect(c.code).toBe(1);
    const findings = JSON.parse(c.stdout).applicants[0].findings as Array<{ ruleId: string; severity: string }>;
    // The built-in rules run too (payroll.crypto-payout, medium); the imported wallet makes it critical.
    expect(findings.map((f) => `${f.ruleId}:${f.severity}`)).toContain('affiliation.ofac-sdn-dprk-wallet:critical');
    expect(JSON.parse(c.stdout).applicants[0].level).toBe('critical');
  });

  test('a bad quoted OpenSanctions cell: exit 2 with file:line, no internal error', async () => {
    const r = await cli(['watchlist', 'import', 'test/fixtures/watchlist/targets-bad-quote.simple.csv', '--out', mkdtempSync(join(tmpdir(), 'x-'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dprk-check: watchlist import: test\/fixtures\/watchlist\/targets-bad-quote\.simple\.csv:3: the aliases cell/);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});
