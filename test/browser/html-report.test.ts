import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { run } from '../../src/cli/program.js';
import { memoryIO } from '../helpers/memory-io.js';
import { chromiumAvailable, launch, type Browser } from './chromium.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SCREENSHOTS = process.env.DPRK_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : undefined;
const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

describe.runIf(chromiumAvailable())('HTML report in headless Chromium (file://, offline)', () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dprk-html-'));
    // The batch fixture, the four flagged fixtures, and one applicant whose name is markup.
    const hostile = { id: 'cand-666', name: { full: HOSTILE }, contact: { phones: ['+1 415 555 0100'] } };
    writeFileSync(join(dir, 'hostile.json'), JSON.stringify(hostile));
    const m = memoryIO(ROOT);
    const out = join(dir, 'report.html');
    const inputs = [
      'fixtures/batch/export.ndjson',
      'fixtures/flagged-identity.json',
      'fixtures/flagged-network.json',
      'fixtures/flagged-payroll.json',
      'fixtures/flagged-affiliation.json',
      join(dir, 'hostile.json'),
    ];
    await run(['--no-config', '-f', `html:${out}`, ...inputs], m.io);
    expect(m.stderr()).toContain('html report written');
    browser = await launch();
    page = await browser.context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('dialog', (d) => {
      consoleErrors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(pathToFileURL(out).href);
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const levels = () => page.$$eval('#applicants tbody tr:not([hidden])', (rows) => rows.map((r) => (r as HTMLElement).dataset.level));
  const ids = () => page.$$eval('#applicants tbody tr:not([hidden]) th', (cells) => cells.map((c) => c.textContent!.trim()));
  const scores = () => page.$$eval('#applicants tbody tr:not([hidden])', (rows) => rows.map((r) => Number((r as HTMLElement).dataset.score)));

  test('opens with no console errors, no CSP violation and no network request; the script ran', async () => {
    await expect.poll(() => page.locator('#applicants tbody tr').count()).toBeGreaterThan(10);
    expect(consoleErrors).toEqual([]);
    expect(browser.network).toEqual([]);
    // The hostile name is text on the page, not markup that ran.
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect.poll(() => page.getByText(HOSTILE).first().isVisible()).toBe(true);
    await expect.poll(() => page.locator('.disclaimer').isVisible()).toBe(true);
    if (SCREENSHOTS) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'overview.png') });
    }
  });

  test('the overview is sorted by risk, and re-sorts from the column headings', async () => {
    const s = await scores();
    expect(s).toEqual([...s].sort((a, b) => b - a));
    await page.getByRole('button', { name: /^Applicant/ }).click();
    const byId = await ids();
    expect(byId).toEqual([...byId].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
    expect(byId).not.toEqual(
      await page.$$eval('#applicants tbody tr', (rows) =>
        rows
          .sort((a, b) => Number((b as HTMLElement).dataset.score) - Number((a as HTMLElement).dataset.score))
          .map((r) => r.querySelector('th')!.textContent!.trim()),
      ),
    );
    expect(await page.locator('th[data-col="id"]').getAttribute('aria-sort')).toBe('ascending');
    // Keyboard: the Level heading's button is reachable and works with Enter.
    await page.getByRole('button', { name: /^Level/ }).focus();
    await page.keyboard.press('Enter');
    const back = await scores();
    expect(back).toEqual([...back].sort((a, b) => b - a));
    expect(await page.locator('th[data-col="risk"]').getAttribute('aria-sort')).toBe('descending');
  });

  test('filters by level and by family, and says how many are shown', async () => {
    const all = (await levels()).length;
    for (const l of ['none', 'low', 'medium']) await page.getByRole('checkbox', { name: new RegExp(`^${l} `) }).uncheck();
    const shown = await levels();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((l) => l === 'high' || l === 'critical')).toBe(true);
    await expect.poll(() => page.locator('#shown').textContent()).toBe(`Showing ${shown.length} of ${all} applicants.`);
    // Only payroll findings: every row left has a payroll finding.
    for (const f of ['identity', 'network', 'affiliation', 'linkage', 'no findings']) await page.getByRole('checkbox', { name: f, exact: true }).uncheck();
    const fams = await page.$$eval('#applicants tbody tr:not([hidden])', (rows) => rows.map((r) => (r as HTMLElement).dataset.families));
    expect(fams.length).toBeGreaterThan(0);
    expect(fams.every((f) => f!.split(' ').includes('payroll'))).toBe(true);
    for (const box of await page.locator('.filters input').all()) await box.check();
    expect((await levels()).length).toBe(all);
  });

  test("a finding's evidence: the top applicant's pack shows the shared payout account and who shares it", async () => {
    await page.getByRole('link', { name: 'cand-2001', exact: true }).first().click();
    const pack = page.locator('article.pack', { has: page.locator('h2', { hasText: 'cand-2001' }) });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^a\d+-h$/);
    const finding = pack.locator('.finding', { hasText: 'linkage.shared-payout-account' });
    await expect.poll(() => finding.isVisible()).toBe(true);
    const evidence = await finding.locator('table.evidence').innerText();
    expect(evidence).toContain('payroll.bank.accountFingerprint');
    expect(evidence).toMatch(/shared with cand-2002/);
    expect(await finding.innerText()).toMatch(/Next step/);
    expect(await pack.locator('.links').innerText()).toContain('cand-2003');
    if (SCREENSHOTS) await pack.screenshot({ path: join(SCREENSHOTS, 'evidence-pack.png') });
  });

  test('print media: no filters, one page per applicant, the disclaimer on each pack', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.filters').isVisible()).toBe(false);
    const breaks = await page.$$eval('article.pack', (packs) => packs.map((p) => getComputedStyle(p).breakBefore));
    expect(breaks.every((b) => b === 'page')).toBe(true);
    expect(await page.locator('article.pack .disclaimer-print').first().isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(breaks.length + 1);
    await page.emulateMedia({ media: 'screen' });
    expect(consoleErrors).toEqual([]);
  });

  test('readable contrast: every level badge and the notice reach 4.5:1 (WCAG AA), and each badge names its level in words', async () => {
    const pairs = await page.$$eval('.badge, .disclaimer, .meta, code.rule', (els) =>
      els.map((e) => {
        const s = getComputedStyle(e);
        let bg = s.backgroundColor;
        for (let p: Element | null = e; p && /rgba\(0, 0, 0, 0\)|transparent/.test(bg); p = p.parentElement) bg = getComputedStyle(p).backgroundColor;
        return { fg: s.color, bg: /rgba\(0, 0, 0, 0\)/.test(bg) ? 'rgb(255, 255, 255)' : bg, text: e.textContent ?? '' };
      }),
    );
    const lum = (c: string) => {
      const [r, g, b] = c
        .match(/\d+(\.\d+)?/g)!
        .slice(0, 3)
        .map(Number)
        .map((v) => {
          const x = v / 255;
          return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
        });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const ratio = (a: string, b: string) => {
      const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
      return (l1! + 0.05) / (l2! + 0.05);
    };
    expect(pairs.length).toBeGreaterThan(20);
    const low = pairs.filter((p) => ratio(p.fg, p.bg) < 4.5);
    expect(low).toEqual([]);
    const badges = await page.$$eval('.badge', (els) => els.map((e) => e.textContent!.trim()));
    expect(badges.every((t) => /(CRITICAL|HIGH|MEDIUM|LOW|INFO|NONE)$/.test(t))).toBe(true);
  });

  test('the file is self-contained', () => {
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<(link|img|iframe)\b/);
  });
});
