import { Column } from './column.js';
import { forcedSpillAfter, parseSpilled, SpillFile, WindowReader } from './spill-file.js';

/** Items held as objects up to this many; past it, every item is on disk. */
const SPILL_AFTER = 4096;

/**
 * A list that is appended to and read in order (any number of times), held in memory while short
 * and in an encrypted spill file (spill-file.ts) past a few thousand items: memory keeps 4 bytes an
 * item. `merge` keeps the shard reports' link keys this way. Spilled items are JSON
 * (SpillFile.appendJson), so what is read back is then a copy, equal to what was appended as JSON
 * data; treat items as read-only either way.
 */
export class SpilledList<T> implements Iterable<T> {
  private held: T[] = [];
  private spill: SpillFile | undefined;
  private readonly lengths = new Column(Uint32Array);
  private count = 0;

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

  /** Frees the spill file (already unlinked; this closes it). Safe to call twice. */
  close(): void {
    this.spill?.close();
  }

  private append(item: T): void {
    this.lengths.set(this.count++, this.spill!.appendJson(item).length);
  }
}
