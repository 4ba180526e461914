import { open, type FileHandle } from 'node:fs/promises';
import { READ_NO_WAIT } from '../util/read-side-file.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { placed, type SourceLocation } from '../model/source-location.js';
import { decodeUtf8, detectEncoding } from './encoding.js';
import { MAX_JSON_FILE_BYTES } from './json-document.js';
import { jsonErrorOffset, lineColumn } from './json-syntax.js';
import { parseCsvRows } from '../util/csv.js';
import { isObj } from '../util/is-object.js';
import { detectCsvFormat } from './adapters/registry.js';
import { notRegularMessage } from './expand-paths.js';

/** One record of a source file, before any adapter: where it is, and its value or why not. */
export interface RawItem {
  /** file[index] for JSON arrays (inside an envelope too), file#line for NDJSON and CSV rows: sourceText(location) */
  source: string;
  location: SourceLocation;
  file: string;
  line?: number;
  value?: Record<string, unknown>;
  error?: Diagnostic;
}

export interface SourceText {
  /** How the records were laid out. */
  layout: 'json' | 'ndjson' | 'csv';
  /** The envelope key the records were taken from (`data`, `value`, `items`, …), if any. */
  envelope?: string;
  /** CSV only: the header row as written. */
  headers?: string[];
  items: RawItem[];
  warnings: Diagnostic[];
}

/**
 * The envelope keys vendors wrap records in: Lever `data`, Microsoft Graph `value`, Google Reports
 * `items`, Jamf `results`, Defender's API `Results`, Zoom `participants`, ADP `events`, Onfido `reports`. Checked in this order; the first one
 * that holds an array (or, for `data`, an object) is the list of records.
 */
export const ENVELOPES = ['data', 'value', 'items', 'results', 'Results', 'participants', 'events', 'reports'] as const;

function err(at: SourceLocation, code: Diagnostic['code'], message: string, extra: Partial<Diagnostic> = {}): RawItem {
  const file = at.file;
  return { ...placed(at), file, error: { code, severity: 'error', file, message, ...extra } };
}

/**
 * Read a whole source file (bounded like any JSON document) into records. Opened without blocking
 * and checked on the open descriptor: a path that became a FIFO after expand-paths looked at it
 * would otherwise block the open forever (in a libuv thread Ctrl-C cannot reach).
 */
export async function readSourceFile(path: string, file: string): Promise<SourceText> {
  let bytes: Buffer;
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, READ_NO_WAIT);
    const st = await handle.stat();
    if (!st.isFile()) return { layout: 'json', items: [err({ file }, 'input-not-regular', notRegularMessage(st))], warnings: [] };
    const size = st.size;
    if (size > MAX_JSON_FILE_BYTES) {
      return {
        layout: 'json',
        items: [
          err(
            { file },
            'input-too-large',
            `is ${Math.round(size / 1048576)} MB; a source file joined with others may be at most ${MAX_JSON_FILE_BYTES / 1048576} MB (split it by month)`,
          ),
        ],
        warnings: [],
      };
    }
    bytes = await handle.readFile();
  } catch (e) {
    return {
      layout: 'json',
      items: [err({ file }, 'input-unreadable', `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)],
      warnings: [],
    };
  } finally {
    await handle?.close().catch(() => {});
  }
  const { encoding, bomLength } = detectEncoding(bytes.subarray(0, 4));
  let text: string;
  const warnings: Diagnostic[] = [];
  if (encoding === 'utf-8') {
    const d = decodeUtf8(bytes.subarray(bomLength), { file });
    text = d.text;
    if (d.warning) warnings.push(d.warning);
  } else text = new TextDecoder(encoding).decode(bytes.subarray(bomLength));
  const items = sourceItems(file, text);
  return { ...items, warnings: [...warnings, ...(items.warnings ?? [])] };
}

/** Records of one source text: a JSON document (array, envelope or one object), NDJSON, or CSV with a header row. */
export function sourceItems(file: string, raw: string): Omit<SourceText, 'warnings'> & { warnings?: Diagnostic[] } {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const trimmed = text.trimStart();
  if (trimmed === '') return { layout: 'json', items: [err({ file }, 'input-empty', 'the file is empty')] };
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      const lines = text.split(/\r?\n/);
      const firstLine = lines.find((l) => l.trim() !== '') ?? '';
      if (isWholeObject(firstLine)) return { layout: 'ndjson', items: ndjsonItems(file, lines) };
      const { offset, message } = jsonErrorOffset(text);
      return { layout: 'json', items: [err({ file }, 'input-not-json', `not valid JSON: ${message}`, lineColumn(text, offset))] };
    }
    return jsonItems(file, value);
  }
  return csvItems(file, text);
}

/**
 * CSV with a header row: one record per row. A row that cannot be read (an unclosed quote, util/csv.ts
 * parseCsvRows) is an error for that row alone; the rows after it are read as usual.
 */
function csvItems(file: string, text: string): Omit<SourceText, 'warnings'> & { warnings: Diagnostic[] } {
  // Some exports put a summary table first (Zoom's "meeting data" rows, a title line): the
  // header is the first row, within the first ten, that names a known layout.
  const head = parseCsvRows(text, file, { maxRows: 10 });
  const at = Math.max(
    0,
    head.findIndex((r) => !r.error && detectCsvFormat(r.cells.map((c) => c.trim())) !== undefined),
  );
  const header = head[at];
  if (!header || header.error || header.cells.length < 2) {
    const why = header?.error ? ` (line ${header.line}: ${header.error})` : '';
    return { layout: 'csv', items: [err({ file }, 'input-not-json', `neither JSON, NDJSON nor a CSV with a header row${why}`)], warnings: [] };
  }
  const headers = header.cells.map((h) => h.trim());
  // Read again from the header on, now that a line a quoted cell swallows can be told for a row by its cell count.
  const rows = parseCsvRows(text, file, { from: header.end, firstLine: header.nextLine, fields: headers.length });
  const extra: number[] = [];
  // Some exports (spreadsheets saved as CSV, a few ATS tools) leave out a row's trailing empty cells: the row is
  // read as if they were there and empty, and its line is said in one warning per file, never as an error.
  const short: number[] = [];
  const items: RawItem[] = rows.map((row) => {
    const at = { file, line: row.line };
    if (row.error) return { ...err(at, 'input-csv-row', row.error, { line: row.line, hint: QUOTE_HINT }), line: row.line };
    if (row.cells.length > headers.length) {
      if (row.cells.slice(headers.length).some((c) => c.trim() !== '')) {
        return {
          ...err(at, 'input-not-object', `line ${row.line} has ${row.cells.length} cells, the header ${headers.length}: the row is not read`, {
            line: row.line,
            hint: 'quote a cell that holds the delimiter ("Smith, Jo"), or add the missing column to the header',
          }),
          line: row.line,
        };
      }
      extra.push(row.line);
    } else if (row.cells.length < headers.length) short.push(row.line);
    const value: Record<string, unknown> = {};
    headers.forEach((h, i) => {
      const cell = row.cells[i]?.trim();
      if (h && cell) value[h] = cell;
    });
    return { ...placed(at), file, line: row.line, value };
  });
  if (items.length === 0) return { layout: 'csv', headers, items: [err({ file }, 'input-empty', 'the CSV has a header row but no records')], warnings: [] };
  const warnings = [
    ...(extra.length
      ? [cellCount(file, extra, 'input-csv-extra-cells', `more cells than the header's ${headers.length}; the extra cells are empty and were ignored`)]
      : []),
    ...(short.length
      ? [cellCount(file, short, 'input-csv-missing-cells', `fewer cells than the header's ${headers.length}; the missing cells were read as empty`)]
      : []),
  ];
  return { layout: 'csv', headers, items, warnings };
}

const QUOTE_HINT = 'close the quote, or double each quote that is part of a quoted cell\'s text (""); the other rows were read';

/**
 * Rows read although their cell count is not the header's: empty cells past it (a trailing delimiter), or
 * trailing cells left out. Said once per file, with their lines, never as an error: each row is read whole.
 */
function cellCount(file: string, lines: number[], code: 'input-csv-extra-cells' | 'input-csv-missing-cells', what: string): Diagnostic {
  const shown = lines.slice(0, 5).join(', ') + (lines.length > 5 ? ` and ${lines.length - 5} more` : '');
  const rows = lines.length === 1 ? `line ${shown} has` : `${lines.length} rows (lines ${shown}) have`;
  return { code, severity: 'warning', file, line: lines[0]!, message: `${rows} ${what}` };
}

function jsonItems(file: string, value: unknown): Omit<SourceText, 'warnings'> {
  let list: unknown = value;
  let envelope: string | undefined;
  if (isObj(value)) {
    // JSON:API (Persona): `data` with `included` belongs together; a list shares one `included`.
    if (('data' in value && Array.isArray(value.included)) || (isObj(value.data) && isObj(value.data.attributes))) {
      if (isObj(value.data)) return { layout: 'json', envelope: 'data', items: [{ ...placed({ file }), file, value }] };
      if (Array.isArray(value.data) && value.data.length) {
        const included = value.included;
        return {
          layout: 'json',
          envelope: 'data',
          items: value.data.map((d, i): RawItem =>
            isObj(d)
              ? { ...placed({ file, index: i }), file, value: { data: d, included } }
              : err({ file, index: i }, 'input-not-object', `element ${i} is not an object`),
          ),
        };
      }
    }
    const key = ENVELOPES.find((k) => Array.isArray(value[k]) || (k === 'data' && isObj(value[k])));
    if (key) {
      envelope = key;
      list = value[key];
      if (isObj(list)) return { layout: 'json', envelope, items: [{ ...placed({ file }), file, value: list }] };
    } else return { layout: 'json', items: [{ ...placed({ file }), file, value }] };
  }
  if (!Array.isArray(list))
    return { layout: 'json', items: [err({ file }, 'input-not-object', `the file holds ${list === null ? 'null' : `a ${typeof list}`}, not records`)] };
  if (list.length === 0) {
    const where = envelope ? `the "${envelope}" envelope holds no records` : 'the file holds an empty array: no records';
    return { layout: 'json', ...(envelope ? { envelope } : {}), items: [err({ file }, 'input-empty', where)] };
  }
  const items = list.map((v, i): RawItem => {
    const at = { file, index: i };
    return isObj(v) ? { ...placed(at), file, value: v } : err(at, 'input-not-object', `element ${i} is not an object`);
  });
  return { layout: 'json', ...(envelope ? { envelope } : {}), items };
}

function ndjsonItems(file: string, lines: string[]): RawItem[] {
  const out: RawItem[] = [];
  lines.forEach((l, i) => {
    if (l.trim() === '') return;
    const line = i + 1;
    const at = { file, line };
    try {
      const v: unknown = JSON.parse(l);
      out.push(isObj(v) ? { ...placed(at), file, line, value: v } : { ...err(at, 'input-not-object', `line ${line} is not a JSON object`, { line }), line });
    } catch {
      const { offset, message } = jsonErrorOffset(l);
      out.push({ ...err(at, 'input-not-json', `not valid JSON: ${message}`, { line, column: offset + 1 }), line });
    }
  });
  return out;
}

function isWholeObject(text: string): boolean {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return false;
  try {
    return isObj(JSON.parse(t));
  } catch {
    return false;
  }
}
