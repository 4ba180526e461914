/**
 * Field paths as rules write them: dot-separated keys, `[]` to visit every element of an array,
 * `[key=value]` to visit only elements whose key equals value. `$.` at the start anchors a path at
 * the applicant inside a `some`/`every` scope, where plain paths are relative to the element.
 *
 *   identity.documents[].nameOnDocument    contact.addresses[type=home]    $.name.full
 */
export type Segment =
  | { kind: 'key'; key: string }
  | { kind: 'each' }
  | { kind: 'filter'; key: string; value: string };

export interface ParsedPath {
  text: string;
  absolute: boolean;
  segments: Segment[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PART = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[[^\]]*\])*)$/;

export function parsePath(text: string): ParsedPath | string {
  if (typeof text !== 'string' || text.length === 0) return 'a field path must be a non-empty string';
  let rest = text;
  const absolute = rest.startsWith('$.');
  if (absolute) rest = rest.slice(2);
  const segments: Segment[] = [];
  for (const part of rest.split('.')) {
    const m = PART.exec(part);
    if (!m) return `'${part}' is not a valid path segment (use key, key[] or key[field=value])`;
    segments.push({ kind: 'key', key: m[1]! });
    const brackets = m[2]!.match(/\[[^\]]*\]/g) ?? [];
    for (const b of brackets) {
      const inner = b.slice(1, -1);
      if (inner === '') segments.push({ kind: 'each' });
      else {
        const eq = inner.indexOf('=');
        const key = inner.slice(0, eq);
        if (eq <= 0 || !KEY.test(key)) return `'${b}' is not a valid filter (use [field=value])`;
        segments.push({ kind: 'filter', key, value: inner.slice(eq + 1) });
      }
    }
  }
  return { text, absolute, segments };
}

export interface Resolved {
  path: string;
  value: unknown;
}

/**
 * Compile a path into a resolver. Missing keys, nulls and empty strings yield nothing: a rule
 * never fires on absent data, and absent data never counts as a mismatch.
 */
export function compileResolver(parsed: ParsedPath): (base: unknown, basePath: string) => Resolved[] {
  const segs = parsed.segments;
  return (base, basePath) => {
    const out: Resolved[] = [];
    const walk = (node: unknown, path: string, i: number): void => {
      if (node === undefined || node === null) return;
      if (i === segs.length) {
        if (node === '') return;
        out.push({ path, value: node });
        return;
      }
      const seg = segs[i]!;
      if (seg.kind === 'key') {
        if (typeof node !== 'object' || Array.isArray(node)) return;
        const child = (node as Record<string, unknown>)[seg.key];
        walk(child, path ? `${path}.${seg.key}` : seg.key, i + 1);
        return;
      }
      if (!Array.isArray(node)) return;
      for (let k = 0; k < node.length; k++) {
        const el = node[k];
        if (seg.kind === 'filter') {
          if (typeof el !== 'object' || el === null) continue;
          const v = (el as Record<string, unknown>)[seg.key];
          if (v === undefined || String(v) !== seg.value) continue;
        }
        walk(el, `${path}[${k}]`, i + 1);
      }
    };
    walk(base, basePath, 0);
    return out;
  };
}

/** `a.b[3].c` → `a.b[].c`: how concrete evidence paths are matched back to rule patterns. */
export function patternOf(concrete: string): string {
  return concrete.replace(/\[\d+\]/g, '[]');
}
