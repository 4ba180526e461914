import { expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readSourceFile } from '../../../src/read/source-file.js';
import { looksLikeSource } from '../../../src/join/sniff.js';
import { inputFiles } from '../../../src/cli/input-files.js';
import { tempDir } from '../../helpers/temp-tree.js';

// expand-paths refuses the FIFOs it sees; these are the readers behind it, for a path that became a FIFO
// after it looked (or that a caller hands them directly). Each must find out from the descriptor, not block.
const posix = process.platform !== 'win32';
const dir = tempDir('dprk-fifo-open-');

/**
 * Run `f` on a FIFO. Should `f` block opening it (the bug), a writer opens the FIFO every second, writes
 * source records and closes it, so the blocked open returns and the test fails instead of hanging. `waited`
 * says whether a writer ever found a reader waiting: a reader that checks the descriptor holds it open only
 * for a stat, and never waits.
 */
async function onFifo<T>(name: string, f: (path: string) => Promise<T>): Promise<{ result: T; waited: boolean }> {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  let waited = false;
  const unblock = setInterval(() => {
    let fd;
    try {
      fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch {
      return; // ENXIO: nobody is reading
    }
    waited = true;
    writeSync(fd, '{"data":[{"eventType":"user.session.start"}]}\n');
    closeSync(fd);
  }, 1000);
  try {
    return { result: await f(path), waited };
  } finally {
    clearInterval(unblock);
  }
}

test.skipIf(!posix)(
  'a source file that is a FIFO is refused as not regular, not opened blocking and read as empty',
  async () => {
    const { result: text, waited } = await onFifo('okta.json', (p) => readSourceFile(p, 'okta.json'));
    expect(waited).toBe(false);
    expect(text.items.map((i) => i.error && `${i.error.code}: ${i.error.message}`)).toEqual([
      'input-not-regular: is a FIFO (named pipe), not a regular file: refused without reading (pipe data to standard input with - instead)',
    ]);
  },
  15_000,
);

test.skipIf(!posix)(
  'sniffing whether a FIFO holds source records does not open it blocking',
  async () => {
    expect(await onFifo('sniff.json', (p) => looksLikeSource(p))).toEqual({ result: false, waited: false });
  },
  15_000,
);

test.skipIf(!posix)('an input that is a FIFO by the time provenance is hashed gets no hash (and no wait)', () => {
  const path = join(dir, 'late.ndjson');
  execFileSync('mkfifo', [path]);
  expect(inputFiles(['late.ndjson'], dir)).toEqual([{ path: 'late.ndjson' }]);
});
