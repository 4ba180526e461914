type Numbers = Float64Array | Uint32Array | Int32Array | Uint8Array;

const SHIFT = 14;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

/**
 * A growable column of numbers, one per applicant (offsets, lengths, levels, person keys), held in
 * chunks of 16,384 entries. A doubling array holds up to twice what it uses, and three times while
 * it copies itself to grow; a million applicants' columns were 60–90 MB that way. Chunked, memory is
 * what is used plus one chunk, and growing copies nothing. Entries never set read as `fill`.
 */
export class Column<A extends Numbers> {
  private readonly chunks: A[] = [];
  private size = 0;

  constructor(
    private readonly make: new (n: number) => A,
    private readonly fill = 0,
  ) {}

  /** One past the highest index set. */
  get length(): number {
    return this.size;
  }

  get(i: number): number {
    if (!(i >= 0)) return this.fill;
    const chunk = this.chunks[i >>> SHIFT];
    return chunk === undefined ? this.fill : chunk[i & MASK]!;
  }

  set(i: number, value: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= 2 ** 32) throw new RangeError(`Column: no entry ${i}`);
    const c = i >>> SHIFT;
    while (this.chunks.length <= c) {
      const chunk = new this.make(CHUNK);
      if (this.fill !== 0) chunk.fill(this.fill);
      this.chunks.push(chunk);
    }
    this.chunks[c]![i & MASK] = value;
    if (i >= this.size) this.size = i + 1;
  }

  push(value: number): void {
    this.set(this.size, value);
  }
}
