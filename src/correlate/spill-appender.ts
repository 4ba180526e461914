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
