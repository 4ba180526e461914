import { describe, expect, test } from 'vitest';
import { BANDS, bandHash, resumeSignature, signatureFromBase64, signatureToBase64, similarity } from '../../../src/correlate/minhash.js';

const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => `w${(i * 7919 + seed * 104729) % 5003}`).join(' ');

describe('résumé signatures', () => {
  test('identical text is 1; text sharing nothing is near 0', () => {
    const a = resumeSignature(words(300, 1))!;
    expect(similarity(a, resumeSignature(words(300, 1))!)).toBe(1);
    expect(similarity(a, resumeSignature(words(300, 2))!)).toBeLessThan(0.1);
  });

  test('a few edited words keep the estimate high; case and punctuation do not matter', () => {
    const text = words(400, 3);
    const edited = text
      .split(' ')
      .map((w, i) => (i % 100 === 50 ? 'changed' : w))
      .join(' ');
    expect(similarity(resumeSignature(text)!, resumeSignature(edited.toUpperCase().replace(/ /g, ', '))!)).toBeGreaterThan(0.8);
  });

  test('very short texts get no signature', () => {
    expect(resumeSignature('Software engineer. Python, Go.')).toBeUndefined();
  });

  test('signatures survive base64 (shard reports) and give eight distinct, reproducible band keys', () => {
    const s = resumeSignature(words(200, 4))!;
    expect(signatureFromBase64(signatureToBase64(s))).toEqual(s);
    const bands = Array.from({ length: BANDS }, (_, b) => bandHash(s, b));
    expect(new Set(bands.map((h) => `${h.hi}:${h.lo}`)).size).toBe(8);
    expect(bandHash(s, 3)).toEqual(bandHash(resumeSignature(words(200, 4))!, 3));
  });
});
