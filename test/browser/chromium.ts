import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { unavailable } from '../helpers/requirement.js';

/** Debian's chromium (`.ci/services.sh` installs it); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests skip only on a developer machine without chromium; in CI (CI=true) a missing
 * browser is a failure, so the tests can never silently stop running.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  return unavailable('browser tests', `no chromium at ${CHROMIUM}`, 'run .ci/services.sh (apt-get install chromium), or set CHROMIUM_PATH');
}

export interface Browser {
  context: BrowserContext;
  /** Requests that tried to leave the machine (anything but file:). */
  network: string[];
  close(): Promise<void>;
}

/** A fresh profile, no network, none of chromium's background traffic. */
export async function launch(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'dprk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    offline: true,
    viewport: { width: 1200, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const network: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    network.push(url);
    return route.abort();
  });
  return {
    context,
    network,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
