import { describe, expect, test, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReports } from '../../../src/cli/write-reports.js';
import { fixtureReport } from '../../helpers/fixture-report.js';
import { memoryIO } from '../../helpers/memory-io.js';

/** A disk that fills up after a few blocks: writeSync fails with ENOSPC once `fail.after` writes are done. */
const fail = vi.hoisted(() => ({ after: Infinity, writes: 0 }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
    if (fail.writes++ >= fail.after) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write', errno: -28 });
    return (fs.writeSync as (...a: unknown[]) => number)(...args);
  }) as typeof fs.writeSync;
  return { ...fs, writeSync, default: { ...fs, writeSync } };
});

describe('a disk that fills up while a report is written', () => {
  const { report, rules } = fixtureReport();
  // Enough applicants that the JSON report takes several 64 KB blocks.
  const big = {
    ...report,
    errors: [],
    applicants: Array.from({ length: 400 }, (_, i) => ({ ...report.applicants[i % report.applicants.length]!, id: `cand-${i}` })),
  };

  test('the earlier file at the target is left untouched, no temporary file stays, one message, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dprk-enospc-'));
    try {
      writeFileSync(join(dir, 'report.json'), 'the earlier report');
      fail.writes = 0;
      fail.after = 1;
      const m = memoryIO(dir);
      const code = writeReports(big, [{ format: 'json', file: 'report.json' }], { rules }, m.io);
      fail.after = Infinity;
      expect(code).toBe(2);
      expect(m.stderr()).toBe('dprk-check: cannot write the json report to report.json: ENOSPC (no space left on the device); nothing was written there\n');
      expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('the earlier report');
      expect(readdirSync(dir)).toEqual(['report.json']);
    } finally {
      fail.after = Infinity;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('once there is room, the same call writes the whole report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dprk-enospc-'));
    try {
      expect(writeReports(big, [{ format: 'json', file: 'report.json' }], { rules }, memoryIO(dir).io)).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).applicants).toHaveLength(400);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
