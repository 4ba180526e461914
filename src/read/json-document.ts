import type { Diagnostic } from '../model/diagnostic.js';
import type { InputRecord } from './input-record.js';
import { elementPlace, placed, sourceText, type SourceLocation } from '../model/source-location.js';
import { arrayElements, jsonErrorOffset, lineColumn } from './json-syntax.js';

/**
 * A JSON document is read whole, so it has a ceiling; NDJSON has none because it is streamed.
 * JSON.parse of a 128 MB array already takes about a gigabyte of memory.
 */
export const MAX_JSON_FILE_BYTES = 128 * 1024 * 1024;

export const TOO_LARGE_HINT =
  "convert it to NDJSON (one applicant per line, e.g. jq -c '.[]' export.json > export.ndjson): NDJSON is streamed and has no size limit";

/** A record that could not be read: where it is (`{ file }` for a whole file) and why. */
export function failure(at: SourceLocation, code: Diagnostic['code'], message: string, extra: Partial<Diagnostic> = {}): InputRecord {
  const file = at.file;
  return { ...placed(at), file, error: { code, severity: 'error', file, message, ...extra } };
}

export function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}

export interface DocumentOptions {
  /** Whether a record with this source is ours to check (sharding); others are only counted. */
  accept?: (source: string) => boolean;
  onOtherShard?: () => void;
  warnings?: Diagnostic[];
}

/** Where a record read from a JSON array starts in its file (undefined for any other record). */
export function recordElementStart(r: Pick<InputRecord, 'location' | 'line' | 'column'>): { line: number; column: number } | undefined {
  // Read with care: internalError comes with a record nothing else could handle.
  return (r.location as InputRecord['location'] | undefined)?.index !== undefined && r.line && r.column ? { line: r.line, column: r.column } : undefined;
}

/** elementPlace of a record read from a JSON array (undefined for any other record). */
export function recordElementPlace(r: InputRecord): string | undefined {
  const start = recordElementStart(r);
  return start ? elementPlace(r.location.index!, start) : undefined;
}

/**
 * One JSON document holding an applicant or an array of applicants → records, in order. An array's
 * elements are taken one at a time from their own text (arrayElements), each parsed as it is
 * reached: a record carries its element's text and the line and column where it starts, so a
 * problem in it is placed in the file as on an NDJSON line, and the parsed elements of a large
 * array are not all held at once.
 */
export function* documentRecords(file: string, raw: string, options: DocumentOptions = {}): Generator<InputRecord> {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const mine = (source: string) => {
    if (!options.accept || options.accept(source)) return true;
    options.onOtherShard?.();
    return false;
  };
  const warn = options.warnings?.length ? { warnings: options.warnings } : {};
  if (text.trim() === '') {
    if (mine(file)) yield failure({ file }, 'input-empty', 'the file is empty: expected a JSON object describing an applicant');
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (!mine(file)) return;
    const { offset, message, element } = jsonErrorOffset(text);
    const ndjsonHint = message.startsWith('unexpected text after the end')
      ? { hint: 'this looks like one JSON value per line: name the file .ndjson or .jsonl to read it line by line' }
      : {};
    // The whole document is refused (what follows a syntax error cannot be told apart); the
    // message still names the element, as a record's own error would.
    let where = '';
    if (element) {
      const starts = lineColumn(text, element.offset);
      where = ` (${element.complete ? 'after' : 'in'} element ${element.index}, which starts at line ${starts.line}, column ${starts.column})`;
    }
    yield failure({ file }, 'input-not-json', `not valid JSON: ${message}${where}`, { ...lineColumn(text, offset), ...ndjsonHint });
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      if (mine(file)) yield failure({ file }, 'input-empty', 'the file holds an empty array: no applicants to check');
      return;
    }
    // Parsed whole only to know the document is valid; each element is parsed again from its text.
    value = undefined;
    let i = 0;
    for (const span of arrayElements(text)) {
      const at = { file, index: i++ };
      const source = sourceText(at);
      if (!mine(source)) continue;
      const own = text.slice(span.start, span.end);
      const v: unknown = JSON.parse(own);
      const place = { line: span.line, column: span.column };
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        // The record keeps where it starts too, as a readable element does: formats place its error there.
        yield { ...failure(at, 'input-not-object', `${elementPlace(at.index, place)} is ${describeJson(v)}, not an applicant object`, place), ...place };
      } else yield { source, location: at, file, value: v, text: own, ...place, ...warn };
    }
    return;
  }
  if (!mine(file)) return;
  if (typeof value !== 'object' || value === null) {
    yield failure({ file }, 'input-not-object', `the file holds ${describeJson(value)}; expected a JSON object describing an applicant (or an array of them)`);
    return;
  }
  yield { ...placed({ file }), file, value, text, ...warn };
}
