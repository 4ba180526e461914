import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCipheriv, randomBytes } from 'node:crypto';

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
 * Writes are buffered and appended; a read of a range still in the buffer flushes it first.
 */
export class SpillFile {
  private readonly fd: number;
  private readonly key = randomBytes(32);
  private readonly iv = randomBytes(16);
  private readonly dir: string;
  private readonly path: string;
  private readonly unlinked: boolean;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes appended so far (written or buffered). */
  private end = 0;
  /** Bytes on disk. */
  private flushed = 0;
  private closed = false;

  constructor(
    name = 'spill',
    private readonly bufferBytes = 1 << 20,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'dprk-check-'));
    this.path = join(this.dir, name);
    this.fd = openSync(this.path, 'wx+', 0o600);
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

  /** Appends `data`; returns the offset it starts at. */
  append(data: Uint8Array): number {
    if (this.closed) throw new Error('spill file is closed');
    const at = this.end;
    const enc = this.crypt(data, at);
    this.pending.push(enc);
    this.pendingBytes += enc.length;
    this.end += enc.length;
    if (this.pendingBytes >= this.bufferBytes) this.flush();
    return at;
  }

  /** `length` bytes from `offset`, decrypted. */
  read(offset: number, length: number): Buffer {
    if (this.closed) throw new Error('spill file is closed');
    if (offset < 0 || length < 0 || offset + length > this.end) throw new RangeError(`spill read ${offset}+${length} past ${this.end}`);
    if (offset + length > this.flushed) this.flush();
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, buf, got, length - got, offset + got);
      if (n === 0) throw new Error(`spill file ended at ${offset + got} of ${offset + length}`);
      got += n;
    }
    return this.crypt(buf, offset);
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

  flush(): void {
    if (this.pendingBytes === 0) return;
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    let put = 0;
    while (put < all.length) put += writeSync(this.fd, all, put, all.length - put, this.flushed + put);
    this.flushed += all.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Closes and removes the file. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    try {
      closeSync(this.fd);
    } catch {
      // Already closed by the system (exit in progress): nothing left to do.
    }
    if (!this.unlinked) rmSync(this.dir, { recursive: true, force: true });
    OPEN.delete(this);
  }

  /** AES-256-CTR of `data` as if it sat at byte `offset` of the stream (encrypting and decrypting are the same). */
  private crypt(data: Uint8Array, offset: number): Buffer {
    const block = Math.floor(offset / 16);
    const skip = offset % 16;
    const cipher = createCipheriv('aes-256-ctr', this.key, counterAt(this.iv, block));
    if (skip) cipher.update(ZEROS.subarray(0, skip));
    const out = cipher.update(data);
    cipher.final();
    return out;
  }
}

const ZEROS = Buffer.alloc(16);

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
