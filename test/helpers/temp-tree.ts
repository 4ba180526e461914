import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * The one temp-tree helper. Every directory made here is removed when the test file that imported
 * this module finishes: the afterAll below is registered while the file is being collected (the
 * way Testing Library registers its auto-cleanup), so no test file can forget it. Calling
 * cleanupTempDirs() earlier is still allowed.
 */
const made: string[] = [];

afterAll(() => cleanupTempDirs());

export function tempDir(prefix = 'dprk-check-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

export function cleanupTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Write files (relative path → text) under `dir` (a fresh temp dir by default) and return it. */
export function writeTree(files: Record<string, string>, dir = tempDir()): string {
  for (const [rel, text] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return dir;
}
