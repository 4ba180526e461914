import type { Diagnostic } from '../model/diagnostic.js';
import type { InputRecord } from './input-record.js';
import { duplicateKeys, lineColumn, writtenKeyCount } from './json-syntax.js';
import { plural } from '../util/plural.js';

/** Keys shown in a message: long or odd ones cut, so a hostile key cannot flood a report. */
const MAX_KEY_SHOWN = 80;

/**
 * A record whose JSON repeats a key in one object (`{"email":"x","email":"y"}`): JSON.parse keeps
 * the last value and drops the first without a word, so what is checked may not be what the export
 * meant. One warning per repeated key (the first 5, then how many more), with the line and column
 * of the repeat in the file, like any problem in the record.
 *
 * Cheap on the hot path: `parsedKeys` (counted by the input-limit walk that runs anyway) against the
 * keys written in the text, counted in one indexOf pass; the exact scan runs only when they differ.
 */
export function duplicateKeyWarnings(r: InputRecord, parsedKeys: number): Diagnostic[] {
  const text = r.text;
  if (text === undefined || writtenKeyCount(text) === parsedKeys) return [];
  const { found, total } = duplicateKeys(text);
  const out: Diagnostic[] = found.map((d) => {
    const at = place(r, text, d.offset);
    const first = place(r, text, d.first);
    const key = shownKey(d.key);
    const inObject = d.path.length ? ` in ${pathText(d.path)}` : '';
    return {
      code: 'input-duplicate-key',
      severity: 'warning',
      file: r.file,
      ...at,
      path: pointer([...d.path, d.key]),
      message: `line ${at.line}, column ${at.column}: key ${key} appears again${inObject} (first at line ${first.line}, column ${first.column}); the last value is used, the first is ignored`,
    };
  });
  if (total > found.length) {
    out.push({
      code: 'input-duplicate-key',
      severity: 'warning',
      file: r.file,
      ...place(r, text, found[found.length - 1]!.offset),
      message: `and ${plural(total - found.length, 'more repeated key')} in this record`,
    });
  }
  return out;
}

/** Line and column in the file of an offset in the record's own text (an NDJSON line, an array element, a whole document). */
function place(r: InputRecord, text: string, offset: number): { line: number; column: number } {
  const { line, column } = lineColumn(text, offset);
  const start = r.line ?? 1;
  return { line: start + line - 1, column: line === 1 && r.column ? r.column + column - 1 : column };
}

const cut = (key: string) => (key.length > MAX_KEY_SHOWN ? `${key.slice(0, MAX_KEY_SHOWN)}…` : key);

function shownKey(key: string): string {
  return JSON.stringify(cut(key));
}

function pathText(path: Array<string | number>): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i ? '.' : ''}${cut(s)}`)).join('');
}

function pointer(path: Array<string | number>): string {
  return path.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
