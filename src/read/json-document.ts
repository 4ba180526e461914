import type { Diagnostic } from '../model/diagnostic.js';
import type { InputRecord } from './input-record.js';
import { placed, sourceText, type SourceLocation } from '../model/source-location.js';
import { jsonErrorOffset, lineColumn } from './json-syntax.js';

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

/** One JSON document holding an applicant or an array of applicants → records, in order. */
export function documentRecords(file: string, raw: string, options: DocumentOptions = {}): InputRecord[] {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const mine = (source: string) => {
    if (!options.accept || options.accept(source)) return true;
    options.onOtherShard?.();
    return false;
  };
  const warn = options.warnings?.length ? { warnings: options.warnings } : {};
  if (text.trim() === '') {
    return mine(file) ? [failure({ file }, 'input-empty', 'the file is empty: expected a JSON object describing an applicant')] : [];
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (!mine(file)) return [];
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
    return [failure({ file }, 'input-not-json', `not valid JSON: ${message}${where}`, { ...lineColumn(text, offset), ...ndjsonHint })];
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return mine(file) ? [failure({ file }, 'input-empty', 'the file holds an empty array: no applicants to check')] : [];
    const out: InputRecord[] = [];
    value.forEach((v, i) => {
      const at = { file, index: i };
      const source = sourceText(at);
      if (!mine(source)) return;
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        out.push(failure(at, 'input-not-object', `element ${i} is ${describeJson(v)}, not an applicant object`));
      } else out.push({ source, location: at, file, value: v, ...warn });
    });
    return out;
  }
  if (!mine(file)) return [];
  if (typeof value !== 'object' || value === null) {
    return [
      failure({ file }, 'input-not-object', `the file holds ${describeJson(value)}; expected a JSON object describing an applicant (or an array of them)`),
    ];
  }
  return [{ ...placed({ file }), file, value, text, ...warn }];
}
