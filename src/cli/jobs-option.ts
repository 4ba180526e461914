import { existsSync, fstatSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { CliIO } from './io.js';
import { expandInputs } from '../read/expand-paths.js';
import { packagePath } from '../util/package-root.js';
import type { JobsSetup } from '../pipeline/jobs/pool.js';
import { sharedFiles } from '../util/shared-files.js';
import type { OfflineIpResolver } from '../intel/ip-resolver.js';
import { shareIpData } from './ip-data-option.js';
import type { WorkerSetup } from '../pipeline/jobs/wire.js';

const MB = 1024 * 1024;
const MAX_JOBS = 256;

/**
 * `--jobs 0` (the default) starts worker threads only for inputs of at least this size (about 33 000
 * records of the bench export). A worker costs a cold start (code, rules, IP data: ~0.35 s of CPU)
 * and then warms up on its own: its first few thousand records run about twice as slow as warm
 * ones, and each worker pays that again. Below this, one thread is as fast. See docs/batch.md.
 */
export const AUTO_JOBS_MIN_BYTES = 100 * MB;

/** --jobs N: a whole number ≥ 0, or what is wrong with it. */
export function parseJobs(value: string): number | string {
  const n = Number(value);
  if (!/^\d{1,4}$/.test(value.trim()) || !Number.isSafeInteger(n))
    return `${value} is not a number of threads: give a whole number, or 0 for as many as pay off`;
  // Each worker holds its own rules and data (tens of MB): a typo must not start thousands.
  if (n > MAX_JOBS) return `${value} threads is more than ${MAX_JOBS}; each holds its own copy of the rules and data`;
  return n;
}

/** Bytes of input, as far as can be known before reading (standard input only when it is a file). */
async function inputBytes(files: string[], io: CliIO, enough: number): Promise<number> {
  let total = 0;
  for await (const entry of expandInputs(files, io.cwd)) {
    if (entry.kind === 'file') total += (await stat(entry.path).catch(() => ({ size: 0 }))).size;
    else if (entry.kind === 'stdin' && (io.stdin as { fd?: unknown }).fd === 0) {
      try {
        const st = fstatSync(0);
        if (st.isFile()) total += st.size;
      } catch {
        // unknown size: counts as small
      }
    }
    if (total >= enough) break;
  }
  return total;
}

/** How many threads check records, this one included (N - 1 workers); 0 = this thread alone. */
export async function jobCount(requested: number | undefined, files: string[], io: CliIO): Promise<number> {
  if (requested !== undefined && requested > 0) return requested === 1 ? 0 : requested;
  // The cores this process may use (cgroup and affinity limits included); Node 18.14+, and engines asks for 20.11.
  const n = availableParallelism();
  if (n < 2) return 0;
  return (await inputBytes(files, io, AUTO_JOBS_MIN_BYTES)) >= AUTO_JOBS_MIN_BYTES ? n : 0;
}

/** The worker's entry: the bundle a build makes, else the compiled module; none, no workers. */
export function workerFile(): string | undefined {
  return [packagePath('dist', 'cli', 'worker-bundle.js'), packagePath('dist', 'cli', 'check-worker.js')].find((f) => existsSync(f));
}

export function jobsSetup(
  count: number,
  data: Omit<WorkerSetup, 'crashOn' | 'crashBy' | 'sharedFiles'>,
  ip: OfflineIpResolver,
  io: CliIO,
): JobsSetup | undefined {
  const file = workerFile();
  if (count < 2 || !file) return undefined;
  const group = Number(io.env.DPRK_CHECK_JOBS_GROUP) || undefined;
  // DPRK_CHECK_JOBS_CRASH=N or oom:N (tests): each worker dies on its Nth request.
  const crash = /^(oom:)?([1-9]\d*)$/.exec(io.env.DPRK_CHECK_JOBS_CRASH ?? '');
  const crashed = crash ? { crashOn: Number(crash[2]), crashBy: crash[1] ? ('oom' as const) : ('exit' as const) } : {};
  // The IP tables, read now into memory the workers share instead of each reading its own copy.
  shareIpData(ip);
  return {
    count,
    workerFile: file,
    workerData: { ...data, sharedFiles: sharedFiles(), ...crashed },
    ...(group ? { group } : {}),
    onNotice: (m) => io.stderr.write(`dprk-check: warning: ${m}\n`),
  };
}
