import { grown } from '../util/typed-arrays.js';

/**
 * The link index: 64-bit key → the (applicant, slot) pairs that carry it, in flat typed arrays
 * (open addressing, linear probing). About 25–45 bytes per distinct key and 12–18 per occurrence, with
 * no per-entry objects, so 100 000 applicants with a dozen keys each cost tens of megabytes.
 */
export class KeyTable {
  private cap = 1 << 12;
  private used = 0;
  private hi = new Uint32Array(this.cap);
  private lo = new Uint32Array(this.cap);
  /** Most recent member of each entry (index into the member pool), -1 = empty slot. */
  private head = new Int32Array(this.cap).fill(-1);
  /** Members per entry, saturating at 255: only "one or more than one" matters. */
  private count = new Uint8Array(this.cap);
  private role = new Uint8Array(this.cap);
  private mOrd = new Uint32Array(1 << 12);
  private mSlot = new Uint32Array(1 << 12);
  private mNext = new Int32Array(1 << 12);
  private members = 0;

  /** Adds one occurrence; returns the entry and how many members it now has, up to 255 (repeats by one applicant count once). */
  add(hi: number, lo: number, space: number, ordinal: number, slot: number): { entry: number; size: number } {
    // At most 3/4 full: linear probing stays short, and the table (17 bytes a slot, kept for the
    // whole batch) is half the size it would be at 1/2.
    if ((this.used + 1) * 4 > this.cap * 3) this.grow();
    let i = this.find(hi, lo);
    if (this.head[i] === -1) {
      this.hi[i] = hi;
      this.lo[i] = lo;
      this.role[i] = space;
      this.used++;
    } else if (this.mOrd[this.head[i]!] === ordinal) {
      // One applicant's keys arrive together, so a repeat is always at the head.
      return { entry: i, size: this.count[i]! };
    }
    if (this.members === this.mOrd.length) this.growMembers();
    const m = this.members++;
    this.mOrd[m] = ordinal;
    this.mSlot[m] = slot;
    this.mNext[m] = this.head[i]!;
    this.head[i] = m;
    if (this.count[i]! < 255) this.count[i]!++;
    return { entry: i, size: this.count[i]! };
  }

  /** Entries with at least `min` (≤ 255) members; `size` saturates at 255. */
  *shared(min = 2): Generator<{ entry: number; space: number; hi: number; lo: number; size: number }> {
    for (let i = 0; i < this.cap; i++) {
      if (this.head[i] !== -1 && this.count[i]! >= min) yield { entry: i, space: this.role[i]!, hi: this.hi[i]!, lo: this.lo[i]!, size: this.count[i]! };
    }
  }

  /** Every entry, for exporting keys (shard reports). */
  *all(): Generator<{ entry: number; space: number; hi: number; lo: number }> {
    for (let i = 0; i < this.cap; i++) if (this.head[i] !== -1) yield { entry: i, space: this.role[i]!, hi: this.hi[i]!, lo: this.lo[i]! };
  }

  /** Members of an entry in insertion order. */
  membersOf(entry: number): Array<{ ordinal: number; slot: number }> {
    const out: Array<{ ordinal: number; slot: number }> = [];
    for (let m = this.head[entry]!; m !== -1; m = this.mNext[m]!) out.push({ ordinal: this.mOrd[m]!, slot: this.mSlot[m]! });
    return out.reverse();
  }

  get size(): number {
    return this.used;
  }

  /** Occurrences held (repeats by one applicant not counted). */
  get occurrences(): number {
    return this.members;
  }

  private find(hi: number, lo: number): number {
    const mask = this.cap - 1;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    while (this.head[i] !== -1 && (this.hi[i] !== hi || this.lo[i] !== lo)) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const old = { hi: this.hi, lo: this.lo, head: this.head, count: this.count, role: this.role, cap: this.cap };
    this.cap *= 2;
    this.hi = new Uint32Array(this.cap);
    this.lo = new Uint32Array(this.cap);
    this.head = new Int32Array(this.cap).fill(-1);
    this.count = new Uint8Array(this.cap);
    this.role = new Uint8Array(this.cap);
    for (let j = 0; j < old.cap; j++) {
      if (old.head[j] === -1) continue;
      const i = this.find(old.hi[j]!, old.lo[j]!);
      this.hi[i] = old.hi[j]!;
      this.lo[i] = old.lo[j]!;
      this.head[i] = old.head[j]!;
      this.count[i] = old.count[j]!;
      this.role[i] = old.role[j]!;
    }
  }

  private growMembers(): void {
    // By half: the pool is 12 bytes per occurrence and lives as long as the batch.
    const n = Math.ceil(this.mOrd.length * 1.5);
    this.mOrd = grown(this.mOrd, n);
    this.mSlot = grown(this.mSlot, n);
    this.mNext = grown(this.mNext, n);
  }
}
