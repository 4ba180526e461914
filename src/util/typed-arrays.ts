type Growable = Float64Array | Uint32Array | Int32Array | Uint8Array;

/**
 * `a` copied into a new array of its own type and `size` entries (the flat per-applicant tables of
 * the stores grow this way as applicants arrive). Entries past `a` are zero.
 */
export function grown<T extends Growable>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
