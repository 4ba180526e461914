/** What a leaf's operator says about one value: matched or not, and in words against what. */
export interface Verdict {
  ok: boolean;
  note?: string;
}

/** "No" is the usual answer: one shared, read-only object rather than a new one per value. */
export const NO: Verdict = Object.freeze({ ok: false });
