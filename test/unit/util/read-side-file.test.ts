import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSideFile, readSideText, SideFileError, sizeText } from '../../../src/util/read-side-file.js';
import { tempDir } from '../../helpers/temp-tree.js';

const posix = process.platform !== 'win32';
const caught = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
};

describe('readSideFile', () => {
  test('a regular file is read whole, up to and at its ceiling', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), 'id,alias\n');
    expect(readSideText(join(dir, 'a.csv'), { label: '--people a.csv', maxBytes: 9 })).toBe('id,alias\n');
    // Bigger than the first buffer: the buffer grows, nothing is lost.
    const big = Buffer.alloc(300_000, 'x');
    writeFileSync(join(dir, 'big'), big);
    expect(readSideFile(join(dir, 'big'), { label: 'big', maxBytes: 1 << 20 }).equals(big)).toBe(true);
  });

  test('over the ceiling: a SideFileError naming both sizes, not a truncated read', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), 'id,alias\n');
    const e = caught(() => readSideText(join(dir, 'a.csv'), { label: '--people a.csv', maxBytes: 8 }));
    expect(e).toBeInstanceOf(SideFileError);
    expect(e).toMatchObject({ reason: 'too-large', size: 9, message: '--people a.csv is 9 bytes; the limit is 8 bytes' });
  });

  test.skipIf(!existsSync('/proc/self/status'))('a file that says it is empty but is not (/proc) is still bounded by the read', () => {
    const e = caught(() => readSideFile('/proc/self/status', { label: 'status', maxBytes: 10 }));
    expect(e).toMatchObject({ reason: 'too-large', message: 'status is more than 10 bytes; the limit is 10 bytes' });
  });

  test.skipIf(!posix)(
    'a FIFO is refused without blocking the open; /dev/zero and a directory are refused without reading',
    () => {
      const dir = tempDir();
      execFileSync('mkfifo', [join(dir, 'fifo')]);
      const opts = (label: string) => ({ label, maxBytes: 1 << 20 });
      expect(caught(() => readSideFile(join(dir, 'fifo'), opts('--people fifo')))).toMatchObject({
        reason: 'not-regular',
        message: '--people fifo is a FIFO (named pipe), not a regular file: refused without reading',
        problem: 'is a FIFO (named pipe), not a regular file: refused without reading',
      });
      expect(caught(() => readSideFile('/dev/zero', opts('--people /dev/zero')))).toMatchObject({
        message: '--people /dev/zero is a character device, not a regular file: refused without reading',
      });
      expect(caught(() => readSideFile(dir, opts('--people dir')))).toMatchObject({
        message: '--people dir is a directory, not a regular file: refused without reading',
      });
    },
    10_000,
  );

  test('a file system error is thrown as it is (the caller words ENOENT)', () => {
    const e = caught(() => readSideFile(join(tempDir(), 'nope'), { label: 'nope', maxBytes: 10 }));
    expect(e).not.toBeInstanceOf(SideFileError);
    expect(e).toMatchObject({ code: 'ENOENT' });
  });

  test('sizes in messages: whole megabytes, else exact bytes', () => {
    expect(sizeText(128 * 1024 * 1024)).toBe('128 MB');
    expect(sizeText(1_000_000)).toBe('1,000,000 bytes');
  });
});
