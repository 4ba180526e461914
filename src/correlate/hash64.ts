/**
 * A fast non-cryptographic 64-bit string hash (two 32-bit lanes, after bryc's cyrb53), used to key
 * the link index so it never holds applicants' phone numbers or addresses, only 8 bytes per value.
 * With n distinct values the chance that any two collide is about n²/2⁶⁵: 3·10⁻⁸ for a million.
 * Not a privacy measure: a phone number's hash can be found by trying every number.
 */
export interface Hash64 {
  hi: number;
  lo: number;
}

export function hash64(s: string, out: Hash64 = { hi: 0, lo: 0 }): Hash64 {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  out.hi = h2 >>> 0;
  out.lo = h1 >>> 0;
  return out;
}

export function hex64(hi: number, lo: number): string {
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

export function parseHex64(hex: string): Hash64 | undefined {
  if (!/^[0-9a-f]{16}$/.test(hex)) return undefined;
  return { hi: parseInt(hex.slice(0, 8), 16) >>> 0, lo: parseInt(hex.slice(8), 16) >>> 0 };
}

/** 32-bit FNV-1a, for shingles and person keys where 32 bits are plenty. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
