import { Column } from './column.js';
import { forcedSpillAfter, parseSpilled, SpillFile, WindowReader } from './spill-file.js';

/** Items held as objects up to this many; past it, every item is on disk. */
const SPILL_AFTER = 4096;

/** On disk, where every 64th item starts is kept (8 bytes per 64 items): `at` adds up the lengths from there. */
const BLOCK_SHIFT = 6;

/**
 * A list that is appended to and read in order (any number of times), held in memory while short
 * and in an encrypted spill file (spill-file.ts) past a few thousand items: memory keeps 4 bytes an
 * item. `merge` keeps the shard reports' link keys this way, a run the records it could not check. Spilled items are JSON
 * (SpillFile.appendJson), so what is read back is then a copy, equal to what was appended as JSON
 * data; treat items as read-only either way.
 */
export class SpilledList<T> implements Iterable<T> {
  private held: T[] = [];
  private spill: SpillFile | undefined;
  private readonly lengths = new Column(Uint32Array);
  private readonly blockStarts = new Column(Float64Array);
  private count = 0;
  private atReader: WindowReader | undefined;

  constructor(
    private readonly name: string,
    private readonly spillAfter = forcedSpillAfter() ?? SPILL_AFTER,
  ) {}

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    if (!this.spill && this.held.length < this.spillAfter) {
      this.held.push(item);
      this.count++;
      return;
    }
    if (!this.spill) {
      this.spill = new SpillFile(this.name);
      const held = this.held;
      this.held = [];
      this.count = 0;
      for (const h of held) this.append(h);
    }
    this.append(item);
  }

  *[Symbol.iterator](): Iterator<T> {
    if (!this.spill) return yield* this.held;
    const reader = new WindowReader(this.spill);
    // Appended one after another: each item starts where the one before it ends.
    for (let i = 0, at = 0; i < this.count; i++) {
      const n = this.lengths.get(i);
      yield parseSpilled<T>(reader.read(at, n));
      at += n;
    }
  }

  /**
   * The item at `index` (a copy when spilled), or undefined past the end. Reads near the one before
   * are served from the same 1 MB window, so ascending positions cost about as much as iterating.
   */
  at(index: number): T | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    if (!this.spill) return this.held[index];
    const block = index >>> BLOCK_SHIFT;
    let at = this.blockStarts.get(block);
    for (let i = block << BLOCK_SHIFT; i < index; i++) at += this.lengths.get(i);
    this.atReader ??= new WindowReader(this.spill);
    return parseSpilled<T>(this.atReader.read(at, this.lengths.get(index)));
  }

  /** Frees the spill file (already unlinked; this closes it). Safe to call twice. */
  close(): void {
    this.spill?.close();
  }

  private append(item: T): void {
    const { at, length } = this.spill!.appendJson(item);
    if ((this.count & ((1 << BLOCK_SHIFT) - 1)) === 0) this.blockStarts.set(this.count >>> BLOCK_SHIFT, at);
    this.lengths.set(this.count++, length);
  }
}
