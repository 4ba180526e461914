import { foldText } from '../normalize/text.js';
import { hash32 } from './hash64.js';

/**
 * Near-identical résumé text by one-permutation MinHash (Li, Owen & Zhang 2012) with rotation
 * densification (Shrivastava 2017): one hash per 4-word shingle, 64 bins, 256 bytes per résumé.
 * The fraction of equal bins estimates the Jaccard similarity of the two shingle sets; LSH bands
 * of 8 bins find candidate pairs without comparing everyone with everyone.
 */
export const BINS = 64;
export const BANDS = 8;
export const ROWS = BINS / BANDS;
const SHINGLE = 4;
/** Shorter texts are too generic to say anything ("Software engineer. Python."). */
export const MIN_SHINGLES = 20;
const EMPTY = 0xffffffff;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function resumeSignature(text: string): Uint32Array | undefined {
  const words = foldText(text).split(' ').filter(Boolean);
  if (words.length - SHINGLE + 1 < MIN_SHINGLES) return undefined;
  const wh = words.map(hash32);
  const sig = new Uint32Array(BINS).fill(EMPTY);
  for (let i = 0; i + SHINGLE <= wh.length; i++) {
    let h = wh[i]!;
    for (let k = 1; k < SHINGLE; k++) h = mix((h ^ Math.imul(wh[i + k]!, 0x9e3779b1)) >>> 0);
    const bin = h >>> 26;
    const v = h & 0x3ffffff;
    if (v < sig[bin]!) sig[bin] = v;
  }
  // Empty bins borrow from the next filled one (offset so borrowed values stay distinguishable).
  for (let b = 0; b < BINS; b++) {
    if (sig[b] !== EMPTY) continue;
    for (let step = 1; step < BINS; step++) {
      const src = sig[(b + step) % BINS]!;
      if (src !== EMPTY && src < 0x4000000) {
        sig[b] = src + step * 0x4000000;
        break;
      }
    }
  }
  return sig;
}

export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < BINS; i++) if (a[i] === b[i]) same++;
  return same / BINS;
}

/** The band strings hashed into the link index: two résumés sharing one band are compared. */
export function bandKeys(sig: Uint32Array): string[] {
  const out: string[] = [];
  for (let b = 0; b < BANDS; b++) out.push(`${b}:${Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(',')}`);
  return out;
}

export function signatureToBase64(sig: Uint32Array): string {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString('base64');
}

export function signatureFromBase64(s: string): Uint32Array | undefined {
  const buf = Buffer.from(s, 'base64');
  if (buf.length !== BINS * 4) return undefined;
  const out = new Uint32Array(BINS);
  for (let i = 0; i < BINS; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}
