import { Column } from '../util/column.js';
import type { SharedKey } from './key-runs.js';

/**
 * The shared keys a spilled batch's merge yields, kept as columns of numbers (key, space, where its
 * text sits, and its members' ordinals and slots one after another) until they are classified.
 * As objects, a key with two members is some 170 bytes of heap; here it is about 50.
 */
export class SharedKeyColumns {
  private readonly spaces = new Column(Uint8Array);
  private readonly his = new Column(Uint32Array);
  private readonly los = new Column(Uint32Array);
  private readonly displayAts = new Column(Float64Array);
  private readonly displayLengths = new Column(Uint32Array);
  /** Where each key's members start in the member columns; the next key's start ends them. */
  private readonly starts = new Column(Uint32Array);
  private readonly ordinals = new Column(Uint32Array);
  private readonly slots = new Column(Uint32Array);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(k: SharedKey): void {
    const i = this.count++;
    this.spaces.set(i, k.space);
    this.his.set(i, k.hi);
    this.los.set(i, k.lo);
    this.displayAts.set(i, k.displayAt);
    this.displayLengths.set(i, k.displayLength);
    this.starts.set(i, this.ordinals.length);
    for (const m of k.members) {
      this.slots.set(this.ordinals.length, m.slot);
      this.ordinals.push(m.ordinal);
    }
  }

  space(i: number): number {
    return this.spaces.get(i);
  }

  hi(i: number): number {
    return this.his.get(i);
  }

  lo(i: number): number {
    return this.los.get(i);
  }

  displayAt(i: number): number {
    return this.displayAts.get(i);
  }

  displayLength(i: number): number {
    return this.displayLengths.get(i);
  }

  /** Key indices by the place of their text on disk (stable), so texts are read in one sweep. */
  byDisplayPlace(): Uint32Array {
    const order = Uint32Array.from({ length: this.count }, (_, i) => i);
    return order.sort((a, b) => this.displayAts.get(a) - this.displayAts.get(b) || a - b);
  }

  /** The keys in the order pushed, each as an object made when it is reached (members in insertion order). */
  *all(): Generator<{ space: number; hi: number; lo: number; members: Array<{ ordinal: number; slot: number }> }> {
    for (let i = 0; i < this.count; i++) {
      const end = i + 1 < this.count ? this.starts.get(i + 1) : this.ordinals.length;
      const members: Array<{ ordinal: number; slot: number }> = [];
      for (let m = this.starts.get(i); m < end; m++) members.push({ ordinal: this.ordinals.get(m), slot: this.slots.get(m) });
      yield { space: this.spaces.get(i), hi: this.his.get(i), lo: this.los.get(i), members };
    }
  }
}
