import { BINS } from './minhash.js';
import { grown } from '../util/typed-arrays.js';

const PER_CHUNK = 4096;

/**
 * Résumé signatures by applicant ordinal, packed into 1 MB chunks. A Uint32Array per résumé
 * costs its 256 bytes plus an ArrayBuffer and a wrapper of about as much again, kept for every
 * applicant until the batch ends.
 */
export class SignatureStore {
  private readonly chunks: Uint32Array[] = [];
  /** Ordinal → 1 + position in the chunks (0: no signature). */
  private slotOf = new Int32Array(1024);
  private count = 0;

  set(ordinal: number, sig: Uint32Array): void {
    if (ordinal >= this.slotOf.length) {
      this.slotOf = grown(this.slotOf, Math.max(ordinal + 1, Math.ceil(this.slotOf.length * 1.5)));
    }
    let slot = this.slotOf[ordinal]! - 1;
    if (slot < 0) {
      slot = this.count++;
      this.slotOf[ordinal] = slot + 1;
      if (slot % PER_CHUNK === 0) this.chunks.push(new Uint32Array(PER_CHUNK * BINS));
    }
    this.chunks[Math.floor(slot / PER_CHUNK)]!.set(sig.subarray(0, BINS), (slot % PER_CHUNK) * BINS);
  }

  /** A view on the stored signature (valid for the store's life). */
  get(ordinal: number): Uint32Array | undefined {
    const slot = ordinal < this.slotOf.length ? this.slotOf[ordinal]! - 1 : -1;
    if (slot < 0) return undefined;
    const at = (slot % PER_CHUNK) * BINS;
    return this.chunks[Math.floor(slot / PER_CHUNK)]!.subarray(at, at + BINS);
  }
}
