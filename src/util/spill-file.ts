import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCipheriv, randomBytes, type Cipher } from 'node:crypto';

/**
 * A temporary file for what a large run must set aside (results waiting for links, link keys as
 * sorted runs), so memory stays bounded whatever the input's size.
 *
 * What is set aside is applicant data, so it never touches the disk readable:
 * - every byte is encrypted with AES-256-CTR under a key made for this file and held only in
 *   memory; CTR lets any range be read back on its own (the counter is the block number);
 * - the file is created in a fresh 0700 directory with mode 0600 and unlinked at once where the
 *   system allows it (Linux, macOS): the open descriptor keeps it alive, and nothing is left behind
 *   even if the process is killed. Where unlinking an open file fails (Windows), it is removed on
 *   close and on exit; a file left by a killed process is still unreadable without the key.
 *
 * Appends are copied into one write buffer and encrypted a buffer at a time: starting a cipher
 * costs more than the bytes of a short value (a display text, one applicant's record), so callers
 * append as small as they like. `reserve` hands out a region of that buffer to fill in place (no
 * allocation per value). A read of a range not yet on disk writes the buffer out first.
 */
export class SpillFile {
  private readonly fd: number;
  private readonly key = randomBytes(32);
  private readonly iv = randomBytes(16);
  private readonly dir: string;
  private readonly path: string;
  private readonly unlinked: boolean;
  /** Plain bytes appended but not yet written: `used` of them. */
  private buf: Buffer;
  private used = 0;
  /** A region reserved larger than the buffer: written before anything appended after it. */
  private big: Buffer | undefined;
  /** Bytes appended so far (written, buffered or reserved). */
  private end = 0;
  /** Bytes on disk. */
  private flushed = 0;
  private closed = false;
  /** Where read bytes wait to be deciphered (CHUNK bytes, made at the first read). */
  private scratch: Buffer | undefined;

  constructor(name = 'spill', bufferBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(Math.max(16, bufferBytes));
    this.dir = inTempDir(() => mkdtempSync(join(tmpdir(), 'dprk-check-')));
    this.path = join(this.dir, name);
    this.fd = inTempDir(() => openSync(this.path, 'wx+', 0o600));
    let unlinked = false;
    try {
      unlinkSync(this.path);
      rmSync(this.dir, { recursive: true, force: true });
      unlinked = true;
    } catch {
      OPEN.add(this);
    }
    this.unlinked = unlinked;
  }

  /** Appends `data` (copied: the caller may reuse it); returns the offset it starts at. */
  append(data: Uint8Array): number {
    this.open();
    if (data.length > this.buf.length) {
      this.flush();
      const at = this.end;
      this.end += data.length;
      this.writeOut(data);
      return at;
    }
    const r = this.reserve(data.length);
    r.buf.set(data, r.offset);
    return r.at;
  }

  /** A string as UTF-8: its offset and length in bytes. */
  appendString(s: string): { at: number; length: number } {
    const length = Buffer.byteLength(s, 'utf8');
    const r = this.reserve(length);
    r.buf.write(s, r.offset, length, 'utf8');
    return { at: r.at, length };
  }

  /**
   * A value as JSON text: its offset and length in bytes (read it back with `parseSpilled`).
   *
   * JSON, not v8.serialize: each v8.serialize leaves a native serializer (its object map, its
   * buffer) that only a garbage collection frees, and V8 does not count it towards starting one.
   * Spilling a result or a link's additions per applicant, thousands of them waited at a time:
   * 10 000 applicants peaked at 232 MB of RSS against 183 MB with JSON, and RSS grew by 80 MB
   * while a million applicants' links were applied. The CPU cost is the same (~40 µs a result).
   * What is set aside is JSON data (reports are), so what reads back is what a JSON report holds:
   * a key whose value is undefined is left out, as every format leaves it out.
   */
  appendJson(value: unknown): { at: number; length: number } {
    return this.appendString(JSON.stringify(value));
  }

  /** `n` bytes to fill in place before the next call on this file: where to write them, and their offset in the file. */
  reserve(n: number): { buf: Buffer; offset: number; at: number } {
    this.open();
    this.writeBig();
    const at = this.end;
    this.end += n;
    if (n > this.buf.length) {
      this.flush();
      this.big = Buffer.allocUnsafe(n);
      return { buf: this.big, offset: 0, at };
    }
    if (this.used + n > this.buf.length) this.flush();
    const offset = this.used;
    this.used += n;
    return { buf: this.buf, offset, at };
  }

  /** `length` bytes from `offset`, decrypted (a new buffer). */
  read(offset: number, length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    this.readInto(offset, length, out);
    return out;
  }

  /**
   * `length` bytes from `offset`, decrypted into `target` from `at`: a reader that reuses its buffer
   * (WindowReader, a run's block) makes no buffer per read. The bytes pass through this file's
   * scratch buffer a chunk at a time, so the only allocation is the cipher's output per chunk (see
   * CHUNK).
   */
  readInto(offset: number, length: number, target: Uint8Array, at = 0): void {
    this.open();
    if (offset < 0 || length < 0 || offset + length > this.end) throw new RangeError(`spill read ${offset}+${length} past ${this.end}`);
    if (at < 0 || at + length > target.length) throw new RangeError(`spill read of ${length} bytes into ${target.length} from ${at}`);
    if (offset + length > this.flushed) this.flush();
    const cipher = this.cipherAt(offset);
    const scratch = (this.scratch ??= Buffer.allocUnsafe(CHUNK));
    for (let done = 0; done < length;) {
      const n = Math.min(CHUNK, length - done);
      let got = 0;
      while (got < n) {
        const r = inTempDir(() => readSync(this.fd, scratch, got, n - got, offset + done + got));
        if (r === 0) throw new Error(`spill file ended at ${offset + done + got} of ${offset + length}`);
        got += r;
      }
      target.set(cipher.update(scratch.subarray(0, n)), at + done);
      done += n;
    }
  }

  /** Bytes appended so far. */
  get size(): number {
    return this.end;
  }

  /** The open descriptor: tests read the raw bytes through it to see they are not the plain text. */
  get descriptor(): number {
    return this.fd;
  }

  /** Bytes on disk (for tests and the benchmark). */
  diskBytes(): number {
    this.flush();
    return fstatSync(this.fd).size;
  }

  /** Writes out what is buffered. */
  flush(): void {
    this.writeBig();
    if (this.used === 0) return;
    this.writeOut(this.buf.subarray(0, this.used));
    this.used = 0;
  }

  /** Closes and removes the file. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.used = 0;
    // A closed file may stay referenced (a report's list, a correlator): its megabyte need not.
    this.buf = EMPTY;
    this.big = undefined;
    this.scratch = undefined;
    try {
      closeSync(this.fd);
    } catch {
      // Already closed by the system (exit in progress): nothing left to do.
    }
    if (!this.unlinked) rmSync(this.dir, { recursive: true, force: true });
    OPEN.delete(this);
  }

  private open(): void {
    if (this.closed) throw new Error('spill file is closed');
  }

  private writeBig(): void {
    if (!this.big) return;
    const b = this.big;
    this.big = undefined;
    this.writeOut(b);
  }

  /** Encrypts `plain` as the bytes at the end of what is on disk, and writes them there, a chunk at a time. */
  private writeOut(plain: Uint8Array): void {
    const cipher = this.cipherAt(this.flushed);
    for (let done = 0; done < plain.length;) {
      const n = Math.min(CHUNK, plain.length - done);
      const enc = cipher.update(plain.subarray(done, done + n));
      let put = 0;
      while (put < enc.length) put += inTempDir(() => writeSync(this.fd, enc, put, enc.length - put, this.flushed + put));
      this.flushed += enc.length;
      done += n;
    }
  }

  /** An AES-256-CTR stream positioned at byte `offset` (encrypting and decrypting are the same). */
  private cipherAt(offset: number): Cipher {
    const cipher = createCipheriv('aes-256-ctr', this.key, counterAt(this.iv, Math.floor(offset / 16)));
    const skip = offset % 16;
    if (skip) cipher.update(ZEROS.subarray(0, skip));
    return cipher;
  }
}

/**
 * The temporary directory failed a spill file (missing, full, read-only): said as such, naming the
 * directory. A bare ENOENT or ENOSPC from here used to surface as "cannot write to standard output",
 * when standard output was fine.
 */
export class SpillError extends Error {
  constructor(
    readonly dir: string,
    override readonly cause: NodeJS.ErrnoException,
  ) {
    super(`the temporary directory ${dir} cannot hold the data a large run sets aside (${cause.code ?? cause.message})`);
    this.name = 'SpillError';
  }
}

function inTempDir<T>(op: () => T): T {
  try {
    return op();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (typeof err?.code === 'string' && typeof err.syscall === 'string') throw new SpillError(tmpdir(), err);
    throw e;
  }
}

/** Reads a spill file through a window of `size` bytes: ranges read in ascending order cost one decryption per window. */
export class WindowReader {
  private start = 0;
  /** Bytes of the window that hold data; the buffer is kept and refilled. */
  private filled = 0;
  private data: Buffer = EMPTY;

  constructor(
    private readonly file: SpillFile,
    private readonly size = 1 << 20,
  ) {}

  /** The bytes, as a view of the window: valid until the next read. */
  read(offset: number, length: number): Buffer {
    if (offset < this.start || offset + length > this.start + this.filled) {
      const n = Math.max(length, Math.min(this.size, this.file.size - offset));
      if (n > this.data.length) this.data = Buffer.allocUnsafe(n);
      this.file.readInto(offset, n, this.data);
      this.start = offset;
      this.filled = n;
    }
    return this.data.subarray(offset - this.start, offset - this.start + length);
  }
}

/**
 * `DPRK_CHECK_SPILL_AFTER=N` (tests, benchmarks): every store that can spill goes to disk past N
 * entries instead of its own threshold. Hidden on purpose: the output is the same either way.
 */
export function forcedSpillAfter(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const v = env.DPRK_CHECK_SPILL_AFTER;
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

const ZEROS = Buffer.alloc(16);
/**
 * Bytes enciphered per call. One call over a whole buffer made an output as large (a megabyte per
 * flush, per window read): buffers of that size, freed only when a collection finds them, left the C
 * heap fragmented, and a million-record run peaked ~40 MB higher than with the same work done in
 * fixed mmap-sized pieces (MALLOC_MMAP_THRESHOLD_ set: 336 → 295 MB). Under glibc's mmap threshold,
 * pieces of one size reuse each other's memory.
 */
const CHUNK = 32 * 1024;
const EMPTY = Buffer.alloc(0);

/** The 128-bit big-endian counter `iv + block`. */
function counterAt(iv: Buffer, block: number): Buffer {
  const c = Buffer.from(iv);
  let carry = block;
  for (let i = 15; i >= 0 && carry > 0; i--) {
    const sum = c[i]! + (carry % 256);
    c[i] = sum & 0xff;
    carry = Math.floor(carry / 256) + (sum >> 8);
  }
  return c;
}

/** Files that could not be unlinked while open: removed when the process exits, however it exits. */
const OPEN = new Set<SpillFile>();
process.once('exit', () => {
  for (const f of [...OPEN]) f.close();
});

/** A value `appendJson` set aside, from the bytes read back (or from `start` to `end` of a block of them). */
export function parseSpilled<T>(bytes: Buffer, start = 0, end = bytes.length): T {
  return JSON.parse(bytes.toString('utf8', start, end)) as T;
}
