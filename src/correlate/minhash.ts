import { foldText } from '../normalize/text.js';
import { hash32, type Hash64 } from './hash64.js';

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

const ASCII = /^[\x00-\x7f]*$/;
const NOT_ALNUM = /[^a-z0-9]+/;

/** Words for shingling; plain ASCII (most résumés) skips Unicode folding, which gives the same words. */
function words(text: string): string[] {
  const w = ASCII.test(text) ? text.toLowerCase().split(NOT_ALNUM) : foldText(text).split(' ');
  return w.filter(Boolean);
}

/**
 * hash32 of each of words(text) but those in `without` (folded words), for ASCII text without
 * making the words: a résumé is thousands of characters, and the lower-cased copy, the split and
 * the word strings were most of the cost. A word is only cut out of the text when its hash is
 * that of a word to leave out.
 */
function wordHashes(text: string, without?: ReadonlySet<string>): number[] {
  if (!ASCII.test(text))
    return words(text)
      .filter((w) => !without?.has(w))
      .map(hash32);
  const skip = without?.size ? new Set([...without].map(hash32)) : undefined;
  const out: number[] = [];
  let h = 0x811c9dc5;
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    let c = i < text.length ? text.charCodeAt(i) : 0;
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      h = Math.imul(h ^ c, 16777619);
      if (start < 0) start = i;
    } else if (start >= 0) {
      h >>>= 0;
      if (!skip?.has(h) || !without!.has(text.slice(start, i).toLowerCase())) out.push(h);
      h = 0x811c9dc5;
      start = -1;
    }
  }
  return out;
}

/** The signature of the text's words, leaving out those in `without` (folded words: the person's own, impersonal-text.ts). */
export function resumeSignature(text: string, without?: ReadonlySet<string>): Uint32Array | undefined {
  const wh = wordHashes(text, without);
  if (wh.length - SHINGLE + 1 < MIN_SHINGLES) return undefined;
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

/** Band b of a signature as a 64-bit key for the link index: two résumés sharing one band are compared. */
export function bandHash(sig: Uint32Array, b: number, out: Hash64 = { hi: 0, lo: 0 }): Hash64 {
  let h1 = 0x9e3779b9 ^ b;
  let h2 = 0x7f4a7c15 ^ Math.imul(b, 0x85ebca6b);
  for (let i = b * ROWS; i < (b + 1) * ROWS; i++) {
    h1 = mix((h1 ^ sig[i]!) >>> 0);
    h2 = mix((h2 + Math.imul(sig[i]!, 0xc2b2ae35)) >>> 0);
  }
  out.hi = h1;
  out.lo = h2;
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
