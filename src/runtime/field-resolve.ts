import type { ParsedPath, Segment } from './field-path.js';

/**
 * Field paths (see field-path.ts) compiled into functions that find their values in a record:
 * with their concrete paths (for evidence), without them (for tests), or only whether there are any.
 */

export interface Resolved {
  path: string;
  value: unknown;
}

type Resolver = (base: unknown, basePath: string) => Resolved[];

const isRecord = (node: unknown): node is Record<string, unknown> => typeof node === 'object' && node !== null && !Array.isArray(node);

/**
 * Compile a path into a resolver. Missing keys, nulls and empty strings yield nothing: a rule
 * never fires on absent data, and absent data never counts as a mismatch.
 *
 * Runs for every leaf of every rule on every record, and most paths lead nowhere (no payroll, no
 * second document), so a path string is only built for a value actually found.
 */
export function compileResolver(parsed: ParsedPath): Resolver {
  const segs = parsed.segments;
  if (segs.length > 0 && segs.every((s) => s.kind === 'key')) return keysResolver(segs.map((s) => (s as { key: string }).key));
  return (base, basePath) => {
    const out: Resolved[] = [];
    walk(segs, 0, base, basePath, [], out);
    return out;
  };
}

/**
 * The values compileResolver would find, in the same order, without their paths: a leaf tests
 * values, and needs the path of one only when it becomes evidence.
 */
export function compileValues(parsed: ParsedPath): (base: unknown) => unknown[] {
  const segs = parsed.segments;
  const plain = keyWalker(segs);
  if (plain) {
    return (base) => {
      const node = plain(base);
      return isAbsent(node) ? NO_VALUES : [node];
    };
  }
  return (base) => {
    const out: unknown[] = [];
    collect(segs, 0, base, out);
    return out.length ? out : NO_VALUES;
  };
}

/** Missing, null and empty text count as no data everywhere. */
const isAbsent = (v: unknown) => v === undefined || v === null || v === '';

/** A path of plain keys (no arrays) walked without recursion: the common case on the hot path. */
function keyWalker(segs: Segment[]): ((base: unknown) => unknown) | undefined {
  if (segs.length === 0 || !segs.every((s) => s.kind === 'key')) return undefined;
  const keys = segs.map((s) => (s as { key: string }).key);
  return (base) => {
    let node = base;
    for (const key of keys) {
      if (!isRecord(node)) return undefined;
      node = node[key];
    }
    return node;
  };
}

/** Most paths find nothing: one shared, read-only empty answer. */
const NO_VALUES: unknown[] = Object.freeze([]) as unknown as unknown[];

function collect(segs: Segment[], i: number, node: unknown, out: unknown[]): void {
  if (node === undefined || node === null) return;
  if (i === segs.length) {
    if (node !== '') out.push(node);
    return;
  }
  const seg = segs[i]!;
  if (seg.kind === 'key') {
    if (isRecord(node)) collect(segs, i + 1, node[seg.key], out);
    return;
  }
  if (!Array.isArray(node)) return;
  for (const el of node) {
    if (seg.kind === 'filter') {
      if (typeof el !== 'object' || el === null) continue;
      const v = (el as Record<string, unknown>)[seg.key];
      if (v === undefined || String(v) !== seg.value) continue;
    }
    collect(segs, i + 1, el, out);
  }
}

/** Whether the path holds any value: what resolving it would find, without collecting it. */
/**
 * Whether the record holds data for a rule at this path (its "Not checked" line): like compileProbe,
 * except that a list given empty at the end of the path counts ("observations: []" says none).
 */
export function compileDataProbe(parsed: ParsedPath): (base: unknown) => boolean {
  const segs = parsed.segments;
  if (segs[segs.length - 1]?.kind !== 'each') return compileProbe(parsed);
  return (base) => has(segs, 0, base, true);
}

export function compileProbe(parsed: ParsedPath): (base: unknown) => boolean {
  const segs = parsed.segments;
  const plain = keyWalker(segs);
  if (plain) return (base) => !isAbsent(plain(base));
  return (base) => has(segs, 0, base);
}

function has(segs: Segment[], i: number, node: unknown, emptyIsData = false): boolean {
  if (node === undefined || node === null) return false;
  if (i === segs.length) return node !== '';
  const seg = segs[i]!;
  if (seg.kind === 'key') return isRecord(node) && has(segs, i + 1, node[seg.key], emptyIsData);
  if (!Array.isArray(node)) return false;
  // A list given empty at the end of the path ("observations: []") is data: it says "none", which
  // is not the same as not recorded, and the report must not call the check unrun.
  if (emptyIsData && node.length === 0 && seg.kind === 'each' && i === segs.length - 1) return true;
  for (const el of node) {
    if (seg.kind === 'filter') {
      if (typeof el !== 'object' || el === null) continue;
      const v = (el as Record<string, unknown>)[seg.key];
      if (v === undefined || String(v) !== seg.value) continue;
    }
    if (has(segs, i + 1, el, emptyIsData)) return true;
  }
  return false;
}

/** The common case, a plain a.b.c: no arrays, so at most one value. */
function keysResolver(keys: string[]): Resolver {
  const suffix = keys.join('.');
  return (base, basePath) => {
    let node = base;
    for (const key of keys) {
      if (!isRecord(node)) return [];
      node = node[key];
    }
    if (node === undefined || node === null || node === '') return [];
    return [{ path: basePath ? `${basePath}.${suffix}` : suffix, value: node }];
  };
}

/** `indices` holds the element index chosen at each array segment so far. */
function walk(segs: Segment[], i: number, node: unknown, basePath: string, indices: number[], out: Resolved[]): void {
  if (node === undefined || node === null) return;
  if (i === segs.length) {
    if (node !== '') out.push({ path: pathOf(segs, basePath, indices), value: node });
    return;
  }
  const seg = segs[i]!;
  if (seg.kind === 'key') {
    if (isRecord(node)) walk(segs, i + 1, node[seg.key], basePath, indices, out);
    return;
  }
  if (!Array.isArray(node)) return;
  for (let k = 0; k < node.length; k++) {
    const el: unknown = node[k];
    if (seg.kind === 'filter') {
      if (typeof el !== 'object' || el === null) continue;
      const v = (el as Record<string, unknown>)[seg.key];
      if (v === undefined || String(v) !== seg.value) continue;
    }
    indices.push(k);
    walk(segs, i + 1, el, basePath, indices, out);
    indices.pop();
  }
}

/** The concrete path of a value found: keys joined by dots, the chosen index at each array step. */
function pathOf(segs: Segment[], basePath: string, indices: number[]): string {
  let path = basePath;
  let n = 0;
  for (const seg of segs) {
    if (seg.kind === 'key') path = path ? `${path}.${seg.key}` : seg.key;
    else path = `${path}[${indices[n++]}]`;
  }
  return path;
}
