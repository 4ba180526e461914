import { truncateSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { AUTO_JOBS_MIN_BYTES, jobCount, parseJobs } from '../../../src/cli/jobs-option.js';
import type { CliIO } from '../../../src/cli/io.js';
import { tempDir } from '../../helpers/temp-tree.js';

const dir = tempDir('dprk-jobs-option-');
const io = (stdin: Readable = Readable.from([])): CliIO => ({ stdout: { write: () => true }, stderr: { write: () => true }, stdin, env: {}, cwd: dir });
writeFileSync(join(dir, 'small.ndjson'), '{"id":"a","name":{"full":"A B"}}\n');
// Sparse: as large as an export worth splitting, without writing it.
writeFileSync(join(dir, 'large.ndjson'), '');
truncateSync(join(dir, 'large.ndjson'), AUTO_JOBS_MIN_BYTES);

describe('--jobs', () => {
  test('takes a whole number of threads, 0 meaning automatic', () => {
    expect(parseJobs('0')).toBe(0);
    expect(parseJobs('4')).toBe(4);
    expect(parseJobs('256')).toBe(256);
    for (const bad of ['-1', '1.5', 'two', '', '257', '99999']) expect(typeof parseJobs(bad)).toBe('string');
  });

  test('1 is the main thread alone; N > 1 starts N workers whatever the input', async () => {
    expect(await jobCount(1, ['large.ndjson'], io())).toBe(0);
    expect(await jobCount(3, ['small.ndjson'], io())).toBe(3);
  });

  test('automatic: workers only for inputs large enough to pay for their start', async () => {
    const cores = availableParallelism();
    expect(await jobCount(undefined, ['small.ndjson'], io())).toBe(0);
    expect(await jobCount(0, ['small.ndjson', 'missing.ndjson'], io())).toBe(0);
    expect(await jobCount(undefined, ['large.ndjson'], io())).toBe(cores < 2 ? 0 : cores);
    // A directory counts what is in it.
    expect(await jobCount(undefined, ['.'], io())).toBe(cores < 2 ? 0 : cores);
    // Standard input of unknown size (a pipe) is small.
    expect(await jobCount(undefined, ['-'], io())).toBe(0);
  });
});
