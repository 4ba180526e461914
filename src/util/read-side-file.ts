import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * Files read beside the main inputs (--people, --allow-shared, --ip-data, rule files, a report to
 * merge, a watchlist to import, --config): opened without blocking and checked on the open
 * descriptor, then read with a ceiling. A FIFO with no writer would block the open forever (in a
 * libuv thread that Ctrl-C cannot reach), /dev/zero never ends, and a symlink can turn any name
 * into either; a regular file can still grow while read, or claim size 0 (/proc), so the read
 * itself stops at the ceiling too. Errors of the file system itself (ENOENT, EACCES) are thrown
 * as they are: each caller already words them.
 */
export class SideFileError extends Error {
  constructor(
    /** How the file was named: `--people crosswalk.csv`, `rule file rules/x.yaml`. */
    readonly label: string,
    /** What is wrong, without the label: callers that print the file first use this. */
    readonly problem: string,
    readonly reason: 'not-regular' | 'too-large',
    /** too-large: the bytes the file holds, or at least holds (more than the ceiling). */
    readonly size?: number,
  ) {
    super(`${label} ${problem}`);
    this.name = 'SideFileError';
  }
}

export interface SideFileOptions {
  /** How messages name the file, e.g. `--people crosswalk.csv`. */
  label: string;
  /** The most bytes read; a longer file is refused (SideFileError, reason too-large). */
  maxBytes: number;
}

/** `a FIFO (named pipe)`, `a character device`…: what a path that is not a regular file is. */
export function fileTypeText(st: Stats): string {
  return st.isFIFO()
    ? 'a FIFO (named pipe)'
    : st.isCharacterDevice()
      ? 'a character device'
      : st.isBlockDevice()
        ? 'a block device'
        : st.isSocket()
          ? 'a socket'
          : st.isDirectory()
            ? 'a directory'
            : 'something else';
}

export const notRegularProblem = (st: Stats, without = 'reading') => `is ${fileTypeText(st)}, not a regular file: refused without ${without}`;

/** Sizes in messages: `128 MB` when whole megabytes, else exact (`1,000,000 bytes`). */
export function sizeText(n: number): string {
  const MB = 1024 * 1024;
  return n >= MB && n % MB === 0 ? `${n / MB} MB` : `${n.toLocaleString('en-US')} bytes`;
}

/**
 * Flags to open a file for reading without waiting: a FIFO with no writer would block the open
 * forever, in a thread Ctrl-C cannot reach. O_NONBLOCK changes nothing for a regular file's reads.
 */
export const READ_NO_WAIT = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * The descriptor of a regular file, opened without blocking; anything else is closed and refused.
 * The caller closes it. O_NONBLOCK changes nothing for a regular file's reads.
 */
export function openSideFile(path: string, label: string): { fd: number; st: Stats } {
  const fd = openSync(path, READ_NO_WAIT);
  let st: Stats;
  try {
    st = fstatSync(fd);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  if (!st.isFile()) {
    closeSync(fd);
    throw new SideFileError(label, notRegularProblem(st), 'not-regular');
  }
  return { fd, st };
}

/** Refused when over the ceiling: the message names both sizes. */
export function tooLarge(label: string, size: number, maxBytes: number, atLeast = false): SideFileError {
  return new SideFileError(label, `is ${atLeast ? 'more than ' : ''}${sizeText(size)}; the limit is ${sizeText(maxBytes)}`, 'too-large', size);
}

/**
 * A too-large error's size in plain digits, as rule and configuration diagnostics have always said
 * it (`is 1000001 bytes; the limit is 1000000`; `more than` when the file grew while it was read).
 */
export function plainSizeText(e: SideFileError, maxBytes: number): string {
  return `is ${e.size! > maxBytes ? e.size : `more than ${maxBytes}`} bytes; the limit is ${maxBytes}`;
}

/** Read a descriptor from `from` to its end, at most maxBytes; more is refused, not truncated. */
export function readBounded(fd: number, label: string, maxBytes: number, size: number, from = 0): Buffer {
  if (size > maxBytes) throw tooLarge(label, size, maxBytes);
  // One byte past the ceiling tells a file that grew (or lied about its size) from one that fits.
  let buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(size + 1, 64 * 1024)));
  let at = 0;
  for (;;) {
    if (at === buf.length) {
      if (at > maxBytes) throw tooLarge(label, maxBytes, maxBytes, true);
      const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buf.length * 2));
      buf.copy(bigger, 0, 0, at);
      buf = bigger;
    }
    const n = readSync(fd, buf, at, buf.length - at, from + at);
    if (n === 0) break;
    at += n;
  }
  if (at > maxBytes) throw tooLarge(label, maxBytes, maxBytes, true);
  return buf.subarray(0, at);
}

/** The bytes of a regular file, at most maxBytes. */
export function readSideFile(path: string, { label, maxBytes }: SideFileOptions): Buffer {
  const { fd, st } = openSideFile(path, label);
  try {
    return readBounded(fd, label, maxBytes, st.size);
  } finally {
    closeSync(fd);
  }
}

/** The text (UTF-8) of a regular file, at most maxBytes. */
export function readSideText(path: string, options: SideFileOptions): string {
  return readSideFile(path, options).toString('utf8');
}
