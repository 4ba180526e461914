import type { SpillFile } from '../util/spill-file.js';

/**
 * Gathers small appends (a display text, one applicant's record) into one SpillFile.append: each
 * append there starts a cipher, which costs more than the bytes of a short value. Callers write
 * into a region of one reused buffer, so a value costs no allocation of its own.
 */
export class SpillAppender {
  private readonly buf: Buffer;
  private used = 0;
  /** A region larger than the buffer, given its own: appended before anything after it. */
  private big: Buffer | undefined;

  constructor(
    readonly file: SpillFile,
    private readonly capacity = 1 << 16,
  ) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  /** `n` bytes to fill now (before the next call): where to write them and their offset in the file. */
  reserve(n: number): { buf: Buffer; offset: number; at: number } {
    this.flushBig();
    if (n > this.capacity) {
      this.flush();
      this.big = Buffer.allocUnsafe(n);
      return { buf: this.big, offset: 0, at: this.file.size };
    }
    if (this.used + n > this.capacity) this.flush();
    const offset = this.used;
    this.used += n;
    return { buf: this.buf, offset, at: this.file.size + offset };
  }

  /** A string as UTF-8: its offset and length in bytes. */
  appendString(s: string): { at: number; length: number } {
    const length = Buffer.byteLength(s, 'utf8');
    const r = this.reserve(length);
    r.buf.write(s, r.offset, length, 'utf8');
    return { at: r.at, length };
  }

  /** Before reading the file back. SpillFile.append encrypts into a buffer of its own, so ours is reused. */
  flush(): void {
    this.flushBig();
    if (this.used === 0) return;
    this.file.append(this.buf.subarray(0, this.used));
    this.used = 0;
  }

  private flushBig(): void {
    if (!this.big) return;
    const b = this.big;
    this.big = undefined;
    this.file.append(b);
  }
}

/** Reads a spill file through a window of `size` bytes: records read in ascending order cost one decryption per window. */
export class WindowReader {
  private start = 0;
  private data: Buffer = Buffer.alloc(0);

  constructor(
    private readonly file: SpillFile,
    private readonly size = 1 << 20,
  ) {}

  read(offset: number, length: number): Buffer {
    if (offset < this.start || offset + length > this.start + this.data.length) {
      const n = Math.max(length, Math.min(this.size, this.file.size - offset));
      this.data = this.file.read(offset, n);
      this.start = offset;
    }
    return this.data.subarray(offset - this.start, offset - this.start + length);
  }
}
