/**
 * Field paths as rules write them: dot-separated keys, `[]` to visit every element of an array,
 * `[key=value]` to visit only elements whose key equals value. `$.` at the start anchors a path at
 * the applicant inside a `some`/`every` scope, where plain paths are relative to the element.
 *
 *   identity.documents[].nameOnDocument    contact.addresses[type=home]    $.name.full
 */
export type Segment = { kind: 'key'; key: string } | { kind: 'each' } | { kind: 'filter'; key: string; value: string };

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

/** `a.b[3].c` → `a.b[].c`: how concrete evidence paths are matched back to rule patterns. */
export function patternOf(concrete: string): string {
  return concrete.replace(/\[\d+\]/g, '[]');
}
