import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../../src/cli/program.js';
import { memoryIO } from '../helpers/memory-io.js';
import { sqliteAvailable } from '../helpers/sqlite.js';
import { generate } from '../../bench/generate.js';

/**
 * A batch whose link index goes to disk (DPRK_CHECK_SPILL_AFTER, the hidden test knob) gives the
 * same report, byte for byte, as one indexed in memory: links, findings, scores, shard keys, merge
 * and the history.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'dprk-spill-e2e-'));
const HEAVY = join(dir, 'heavy.ndjson');
/** Links of the kinds the generator does not make: a reference that is another applicant (written otherwise), one résumé file, photo, wallet, device and document, a duplicate id. */
const KINDS = join(dir, 'kinds.ndjson');
const EXPORT = 'fixtures/batch/export.ndjson';
const SQLITE = await sqliteAvailable();
const AUG = 'fixtures/history/2026-08-export.json';
const SEP = 'fixtures/history/2026-09-export.json';
const KINDS_RECORDS = [
  '{"id":"k-1","name":{"full":"Alice Carter"},"contact":{"emails":["alice.carter@example.com"],"phones":["+1 614 555 0101"]},"resume":{"sha256":"sha256:aaaa000000000000000000000000000000000000000000000000000000000001"},"photo":{"sha256":"sha256:bbbb000000000000000000000000000000000000000000000000000000000001"},"payroll":{"method":"crypto","cryptoWallet":"0x52908400098527886E0F7030069857D2E4169EE7"},"network":{"devices":[{"id":"sha256:77aa77aa77aa77aa"}]},"identity":{"documents":[{"type":"passport","numberHash":"sha256:cccc000000000000000000000000000000000000000000000000000000000001"}]}}',
  '{"id":"k-2","name":{"full":"Brian Dole"},"contact":{"emails":["brian.dole@example.com"]},"references":[{"name":"Ref One","email":"Alice.Carter@example.com","phone":"+1 (614) 555-0101"}],"resume":{"sha256":"sha256:aaaa000000000000000000000000000000000000000000000000000000000001"},"photo":{"sha256":"sha256:bbbb000000000000000000000000000000000000000000000000000000000001"},"payroll":{"method":"crypto","cryptoWallet":"0x52908400098527886E0F7030069857D2E4169EE7"},"network":{"devices":[{"id":"sha256:77aa77aa77aa77aa"}]},"identity":{"documents":[{"type":"passport","numberHash":"sha256:cccc000000000000000000000000000000000000000000000000000000000001"}]}}',
  '{"id":"k-1","name":{"full":"Carla Evans"},"contact":{"emails":["carla.evans@example.com"]}}',
];
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  writeFileSync(KINDS, `${KINDS_RECORDS.join('\n')}\n`);
  // Link-heavy: a laptop farm every 20 applicants sharing a ship-to, an account, an IP, a phone
  // (also as each other's reference) and a résumé; half the others have a résumé of their own.
  await generate(HEAVY, 300, 7, { linkHeavy: true });
});

/** Spill files go under TMPDIR: a private one, so what other processes make there does not count. */
const TMP = join(dir, 'tmp');
mkdirSync(TMP);

async function cli(args: string[], spillAfter: number | undefined, day = '2026-11-01') {
  const before = { spill: process.env.DPRK_CHECK_SPILL_AFTER, tmp: process.env.TMPDIR };
  if (spillAfter === undefined) delete process.env.DPRK_CHECK_SPILL_AFTER;
  else process.env.DPRK_CHECK_SPILL_AFTER = String(spillAfter);
  process.env.TMPDIR = TMP;
  try {
    const m = memoryIO(ROOT);
    m.io.now = () => new Date(`${day}T09:00:00Z`);
    const code = await run(['--no-config', ...args], m.io);
    return { code, out: m.stdout(), err: m.stderr() };
  } finally {
    for (const [name, value] of [
      ['DPRK_CHECK_SPILL_AFTER', before.spill],
      ['TMPDIR', before.tmp],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

// Each test runs the CLI several times over a few hundred applicants: slow on a loaded machine.
describe('link keys spilled to disk: the same report as in memory', { timeout: 120_000 }, () => {
  test.each([0, 37])('links, findings and scores of a link-heavy export (spill after %i applicants)', async (after) => {
    for (const format of ['json', 'text']) {
      // --link-keys needs a JSON report to carry the keys: the text run writes one beside it.
      const keysBeside = format === 'json' ? [] : ['-f', `json:${join(dir, `keys-beside-text-${after}.json`)}`];
      const args = ['-f', format, ...keysBeside, '--link-keys', HEAVY, EXPORT, KINDS];
      const memory = await cli(args, undefined);
      const disk = await cli(args, after);
      expect(disk.code).toBe(memory.code);
      expect(disk.out).toBe(memory.out);
      if (format === 'json') {
        const report = JSON.parse(memory.out) as { applicants: unknown[]; links: Array<{ kind: string }>; linkKeys: unknown[] };
        // The kinds of link the generator's farms make, and the fixture's duplicate id.
        expect(new Set(report.links.map((l) => l.kind))).toEqual(
          new Set([
            'shared-phone',
            'shared-address',
            'shared-ship-to',
            'shared-payout-account',
            'shared-session-ip',
            'similar-resume',
            'reference-is-applicant',
            'shared-resume',
            'shared-photo',
            'shared-crypto-wallet',
            'shared-device',
            'shared-document-number',
            'duplicate-id',
          ]),
        );
        expect(report.linkKeys).toHaveLength(report.applicants.length);
      }
    }
    // Nothing left in the temporary directory: spill files are unlinked while open.
    expect(readdirSync(TMP)).toEqual([]);
  });

  test('similar résumés and the allow-list', async () => {
    const args = ['-f', 'json', '--allow-shared', 'fixtures/batch/allow-shared.yaml', EXPORT, HEAVY];
    const memory = await cli(args, undefined);
    expect(memory.out).toContain('similar-resume');
    expect((await cli(args, 0)).out).toBe(memory.out);
    expect((await cli(args, 5)).out).toBe(memory.out);
  });

  test('shards spilled and merged give the merge of shards in memory', async () => {
    const merged = async (after: number | undefined) => {
      const parts = [1, 2].map((i) => join(dir, `part-${after ?? 'mem'}-${i}.json`));
      for (const [i, out] of parts.entries()) await cli(['--shard', `${i + 1}/2`, '-f', 'json', '-o', out, HEAVY, EXPORT, KINDS], after);
      const texts = parts.map((p) => readFileSync(p, 'utf8'));
      return { texts, merged: (await cli(['merge', ...parts], after)).out };
    };
    const memory = await merged(undefined);
    const disk = await merged(3);
    expect(disk.texts).toEqual(memory.texts);
    expect(disk.merged).toBe(memory.merged);
    expect(JSON.parse(memory.merged).links.length).toBeGreaterThan(20);
  });

  test.runIf(SQLITE)('--history: earlier applicants found from spilled keys, the same links and findings', async () => {
    const twoRuns = async (after: number | undefined) => {
      const db = join(dir, `hr-${after ?? 'mem'}.db`);
      const first = await cli(['--history', db, '-f', 'json', AUG], after, '2026-08-14');
      const second = await cli(['--history', db, '-f', 'json', SEP], after, '2026-09-14');
      return [first.out, second.out];
    };
    const memory = await twoRuns(undefined);
    expect(memory[1]).toContain('history: run 1, checked 2026-08-14');
    expect(await twoRuns(0)).toEqual(memory);
    expect(await twoRuns(1)).toEqual(memory);
  });
});
