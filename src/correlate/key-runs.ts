import { SpillFile, WindowReader } from '../util/spill-file.js';

/** Words per occurrence: hi, lo, space, ordinal, slot, display offset (high, low 32 bits), display length. */
const WORDS = 8;
const BYTES = WORDS * 4;
/** Sort keys pack the position into the low 20 bits of a double's 52-bit mantissa (hi × 2^20 + i). */
const MAX_RUN = 1 << 20;
const POS = 2 ** 20;

/** One occurrence of a key, as it comes back from the merge. */
export interface Occurrence {
  ordinal: number;
  slot: number;
}

/** A key with two or more members, as `KeyTable.shared()` + `membersOf` would give it. */
export interface SharedKey {
  space: number;
  hi: number;
  lo: number;
  /** Members in insertion order, a repeat by the member just before dropped (as KeyTable does). */
  members: Occurrence[];
  /** Where the chosen display text sits in the display file (length 0: none), see `merge`. */
  displayAt: number;
  displayLength: number;
}

/**
 * Link key occurrences for a batch too large to index in memory: they are buffered, sorted by key
 * (stable: insertion order within a key) and written as runs to an encrypted spill file; `merge`
 * reads the runs back in one k-way pass and returns only the keys shared by two or more applicants,
 * which is all linking needs. Display text (PII, like the keys' sources) goes to a second spill file
 * and only the offset of each occurrence's text travels with it.
 */
export class KeyRuns {
  private readonly runs = new SpillFile('key-runs');
  private readonly texts = new SpillFile('key-texts');
  private buf: Uint32Array;
  /** Sorting space, made once: a new one per run is garbage V8 collects late (it lives outside the heap). */
  private sortKeys: Float64Array | undefined;
  private order: Uint32Array | undefined;
  private sorted: Uint32Array | undefined;
  private count = 0;
  /** Start (occurrence index in the runs file) and length of every run written. */
  private readonly runStarts: number[] = [];
  private readonly runLengths: number[] = [];

  constructor(private readonly runRecords = 1 << 17) {
    if (runRecords < 1 || runRecords > MAX_RUN) throw new RangeError(`run size ${runRecords} out of 1..${MAX_RUN}`);
    this.buf = new Uint32Array(runRecords * WORDS);
  }

  add(hi: number, lo: number, space: number, ordinal: number, slot: number, display?: string): void {
    if (this.count === this.runRecords) this.writeRun();
    let at = 0;
    let length = 0;
    if (display) ({ at, length } = this.texts.appendString(display));
    const o = this.count++ * WORDS;
    const b = this.buf;
    b[o] = hi;
    b[o + 1] = lo;
    b[o + 2] = space;
    b[o + 3] = ordinal;
    b[o + 4] = slot;
    b[o + 5] = Math.floor(at / 2 ** 32);
    b[o + 6] = at >>> 0;
    b[o + 7] = length;
  }

  /** How many runs are on disk (tests). */
  get runCount(): number {
    return this.runStarts.length;
  }

  /**
   * Every key with at least two members, in key order. Display text: the first occurrence's that has
   * one when `firstDisplay`, else the first among the occurrences made while the key had exactly two
   * members (what the in-memory path keeps: the text seen when the value turned out shared).
   */
  *merge(firstDisplay: boolean): Generator<SharedKey> {
    if (this.count) this.writeRun();
    const cursors = this.runStarts.map(
      (start, i) => new RunCursor(this.runs, start, this.runLengths[i]!, Math.max(64, Math.floor((1 << 22) / BYTES / Math.max(1, this.runStarts.length)))),
    );
    // A binary heap of cursors, ordered by (hi, lo) and then by run: runs were written in insertion order.
    cursors.forEach((c, i) => (c.run = i));
    const heap = cursors.filter((c) => c.valid);
    const less = (a: RunCursor, b: RunCursor) => a.hi < b.hi || (a.hi === b.hi && (a.lo < b.lo || (a.lo === b.lo && a.run < b.run)));
    const down = (i: number) => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === i) return;
        const t = heap[i]!;
        heap[i] = heap[m]!;
        heap[m] = t;
        i = m;
      }
    };
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
    // The key being read, in scalars and reused arrays: most keys have one member and are dropped,
    // so only a shared key becomes an object.
    let open = false;
    let hi = 0;
    let lo = 0;
    let space = 0;
    let last = -1;
    let at = 0;
    let length = 0;
    const ordinals: number[] = [];
    const slots: number[] = [];
    const shared = (): SharedKey => ({
      space,
      hi,
      lo,
      members: ordinals.map((ordinal, i) => ({ ordinal, slot: slots[i]! })),
      displayAt: at,
      displayLength: length,
    });
    while (heap.length) {
      const c = heap[0]!;
      if (!open || c.hi !== hi || c.lo !== lo) {
        if (ordinals.length >= 2) yield shared();
        open = true;
        hi = c.hi;
        lo = c.lo;
        space = c.space;
        last = -1;
        at = 0;
        length = 0;
        ordinals.length = 0;
        slots.length = 0;
      }
      if (c.ordinal !== last) {
        ordinals.push(c.ordinal);
        slots.push(c.slot);
        last = c.ordinal;
      }
      if (c.displayLength && !length && (firstDisplay || ordinals.length === 2)) {
        at = c.displayAt;
        length = c.displayLength;
      }
      c.next();
      if (!c.valid) {
        heap[0] = heap[heap.length - 1]!;
        heap.pop();
      }
      if (heap.length) down(0);
    }
    if (ordinals.length >= 2) yield shared();
  }

  /** Display texts read in ascending order of place: one decryption per window, not per text. */
  textReader(): (at: number, length: number) => string {
    const reader = new WindowReader(this.texts);
    return (at, length) => reader.read(at, length).toString('utf8');
  }

  /** Removes the files and lets the buffers go (some 11 MB: the correlator outlives its runs). */
  close(): void {
    this.runs.close();
    this.texts.close();
    this.buf = new Uint32Array(0);
    this.count = 0;
    this.sortKeys = this.order = this.sorted = undefined;
  }

  /** Sorts the buffer by (hi, lo), stable, and appends it as one run. */
  private writeRun(): void {
    const n = this.count;
    const b = this.buf;
    this.sortKeys ??= new Float64Array(this.runRecords);
    this.order ??= new Uint32Array(this.runRecords);
    this.sorted ??= new Uint32Array(this.runRecords * WORDS);
    const keys = this.sortKeys.subarray(0, n);
    for (let i = 0; i < n; i++) keys[i] = b[i * WORDS]! * POS + i;
    keys.sort();
    const order = this.order.subarray(0, n);
    for (let i = 0; i < n; i++) order[i] = keys[i]! % POS;
    // Equal `hi` (the same key, or rarely two keys): order those by lo, then by position.
    for (let i = 0; i < n;) {
      const hi = b[order[i]! * WORDS]!;
      let j = i + 1;
      while (j < n && b[order[j]! * WORDS] === hi) j++;
      if (j - i > 1) {
        const part = Array.from(order.subarray(i, j)).sort((x, y) => b[x * WORDS + 1]! - b[y * WORDS + 1]! || x - y);
        order.set(part, i);
      }
      i = j;
    }
    const out = this.sorted;
    // Word by word: a subarray per occurrence (set's argument) cost more than the copy.
    for (let i = 0; i < n; i++) {
      const from = order[i]! * WORDS;
      const to = i * WORDS;
      for (let w = 0; w < WORDS; w++) out[to + w] = b[from + w]!;
    }
    // SpillFile.append copies, so `out` can be reused.
    const at = this.runs.append(new Uint8Array(out.buffer, 0, n * BYTES));
    this.runStarts.push(at / BYTES);
    this.runLengths.push(n);
    this.count = 0;
  }
}

/** Reads one sorted run back a block at a time. */
class RunCursor {
  run = 0;
  hi = 0;
  lo = 0;
  space = 0;
  ordinal = 0;
  slot = 0;
  displayAt = 0;
  displayLength = 0;
  valid = false;
  private block = new Uint32Array(0);
  private buffer = new Uint32Array(0);
  private inBlock = 0;
  private taken = 0;

  constructor(
    private readonly file: SpillFile,
    private readonly start: number,
    private readonly length: number,
    private readonly blockRecords: number,
  ) {
    this.next();
  }

  next(): void {
    if (this.taken === this.length) {
      this.valid = false;
      return;
    }
    if (this.inBlock * WORDS >= this.block.length) {
      const n = Math.min(this.blockRecords, this.length - this.taken);
      // Deciphered into the cursor's own aligned block, made once: a block per read was a new
      // buffer outside the heap for every few thousand occurrences of the whole merge.
      if (this.buffer.length < n * WORDS) this.buffer = new Uint32Array(this.blockRecords * WORDS);
      this.file.readInto((this.start + this.taken) * BYTES, n * BYTES, new Uint8Array(this.buffer.buffer, 0, n * BYTES));
      this.block = this.buffer.subarray(0, n * WORDS);
      this.inBlock = 0;
    }
    const o = this.inBlock++ * WORDS;
    const b = this.block;
    this.hi = b[o]!;
    this.lo = b[o + 1]!;
    this.space = b[o + 2]!;
    this.ordinal = b[o + 3]!;
    this.slot = b[o + 4]!;
    this.displayAt = b[o + 5]! * 2 ** 32 + b[o + 6]!;
    this.displayLength = b[o + 7]!;
    this.taken++;
    this.valid = true;
  }
}
