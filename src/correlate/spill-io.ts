import type { SpillFile } from '../util/spill-file.js';

/**
 * Gathers small appends (a display text, one applicant's record) into one SpillFile.append: each
 * append there starts a cipher, which costs more than the bytes of a short value.
 */
export class SpillAppender {
  private chunks: Uint8Array[] = [];
  private bytes = 0;

  constructor(
    readonly file: SpillFile,
    private readonly limit = 1 << 16,
  ) {}

  /** Appends `data` (kept by reference until flushed: do not reuse it); returns its offset in the file. */
  append(data: Uint8Array): number {
    const at = this.file.size + this.bytes;
    this.chunks.push(data);
    this.bytes += data.length;
    if (this.bytes >= this.limit) this.flush();
    return at;
  }

  /** Before reading the file back. */
  flush(): void {
    if (this.bytes === 0) return;
    this.file.append(this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.bytes));
    this.chunks = [];
    this.bytes = 0;
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
