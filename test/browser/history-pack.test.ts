import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run } from '../../src/cli/program.js';
import { memoryIO } from '../helpers/memory-io.js';
import { sqliteAvailable } from '../helpers/sqlite.js';
import { chromiumAvailable, launch, type Browser } from './chromium.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SCREENSHOTS = process.env.DPRK_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : undefined;

async function cli(args: string[], day: string) {
  const m = memoryIO(ROOT);
  m.io.now = () => new Date(`${day}T09:00:00Z`);
  return { code: await run(args, m.io), err: m.stderr() };
}

describe.runIf(chromiumAvailable() && (await sqliteAvailable()))('an evidence pack with history and a review, in Chromium', () => {
  let dir: string;
  let browser: Browser;
  const errors: string[] = [];
  let html: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dprk-hist-html-'));
    const db = join(dir, 'hr.db');
    await cli(['--no-config', '--history', db, 'fixtures/history/2026-08-export.json'], '2026-08-14');
    await cli(['--no-config', '--history', db, 'fixtures/history/2026-09-export.json'], '2026-09-14');
    await cli(
      ['review', 'cand-907', '--status', 'cleared', '--note', 'Employer-of-record pays both; contract seen by legal', '--by', 'J. Park', '--history', db],
      '2026-09-15',
    );
    html = join(dir, 'report.html');
    const r = await cli(['--no-config', '--history', db, '-f', `html:${html}`, 'fixtures/history/2026-09-export.json'], '2026-10-01');
    expect(r.err).toContain('html report written');
    browser = await launch();
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("the link to last month's applicant, the review decision and the earlier checks are what a person sees", async () => {
    const page = await browser.context.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(html).href);
    const row = page.locator('#applicants tbody tr', { hasText: 'cand-907' });
    expect(await row.locator('td').last().innerText()).toBe('reviewed: cleared');
    await row.getByRole('link', { name: 'cand-907' }).click();
    const pack = page.locator('article.pack', { has: page.locator('h2', { hasText: 'cand-907' }) });
    expect(await pack.locator('.review').innerText()).toMatch(/Review: reviewed: cleared — cleared by J\. Park on 2026-09-15 \(findings unchanged since\)/);
    expect(await pack.locator('.links').innerText()).toMatch(/shared with cand-812 \(run 1, checked 2026-08-14\)/);
    expect(await pack.locator('.history').innerText()).toMatch(/Run 2, 2026-09-14: .*CRITICAL linkage\.shared-payout-account/);
    expect(await page.locator('#provenance').innerText()).toMatch(/this is run 3; 2 earlier runs compared/);
    expect(errors).toEqual([]);
    if (SCREENSHOTS) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await pack.screenshot({ path: join(SCREENSHOTS, 'history-pack.png') });
    }
    expect(browser.network).toEqual([]);
  });
});
