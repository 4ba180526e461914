import { fstatSync } from 'node:fs';
import { READ_NO_WAIT } from '../util/read-side-file.js';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Diagnostic } from '../model/diagnostic.js';
import type { SkippedInput } from '../model/report.js';
import type { InputRecord } from './input-record.js';
import { sourceText, type SourceLocation } from '../model/source-location.js';
import { expandInputs, notRegularMessage, type InputEntry } from './expand-paths.js';
import { MAX_LINE_BYTES, readLines, type RawLine } from './line-reader.js';
import { LIMIT_HINT, lineRecord } from './ndjson.js';
import { resolveLimits, textOverLimit, valueOverLimit, type InputLimits } from './input-limits.js';
import { documentRecords, failure, recordElementPlace, MAX_JSON_FILE_BYTES, TOO_LARGE_HINT } from './json-document.js';
import { adaptRecord, type InputFormat } from './adapters/index.js';
import { duplicateKeyWarnings } from './duplicate-keys.js';

export interface ReadOptions {
  cwd: string;
  stdin: Readable;
  inputFormat?: InputFormat;
  /** Sharding: whether a record with this source is ours. Others are counted, and NDJSON lines not even parsed. */
  accept?: (source: string) => boolean;
  onOtherShard?: () => void;
  onSkip?: (skipped: SkippedInput) => void;
  /** Size and depth bounds per record (input-limits.ts); defaults when absent. */
  limits?: Partial<InputLimits>;
}

const MB = 1024 * 1024;

/**
 * Every input record, one at a time, in a deterministic order (arguments as given; sorted paths in
 * directories and globs; then position in the file). NDJSON is streamed, so memory does not grow
 * with the file. Never throws for bad input: each problem is a record with an error.
 */
export async function* readRecords(args: string[], options: ReadOptions): AsyncGenerator<InputRecord> {
  const inputFormat = options.inputFormat ?? 'auto';
  const mine = (source: string) => {
    if (!options.accept || options.accept(source)) return true;
    options.onOtherShard?.();
    return false;
  };
  const limits = resolveLimits(options.limits);
  const adapt = (r: InputRecord): InputRecord => {
    if (r.value === undefined) return r;
    // Before anything that recurses into the value (adapters, ajv, positions from the text).
    const tally = { keys: 0 };
    const over = valueOverLimit(r.value, limits, tally);
    if (over) return failure(r.location, 'input-limit', placeText(r, over), { ...placeOf(r), hint: LIMIT_HINT });
    const repeated = duplicateKeyWarnings(r, tally.keys);
    if (repeated.length) r = { ...r, warnings: [...(r.warnings ?? []), ...repeated] };
    let a;
    try {
      a = adaptRecord(r.value, inputFormat, { file: r.file, line: r.line });
    } catch (e) {
      return unexpected(r.location, e, r.line);
    }
    if (!a.system) return r;
    const warnings = [...(r.warnings ?? []), ...a.warnings];
    const { text: _positionsNoLongerMatch, ...rest } = r;
    return { ...rest, value: a.value, ...(warnings.length ? { warnings } : {}) };
  };
  for await (const entry of expandInputs(args, options.cwd)) {
    try {
      for await (const r of entryRecords(entry, options, mine, limits)) yield adapt(r);
    } catch (e) {
      // A fault nobody foresaw ends this input, never the run: the records before it stand.
      const shown = entry.kind === 'stdin' ? '<stdin>' : entry.shown;
      // One shard reports it (the filter itself may be what failed: then every shard does).
      let ours = true;
      try {
        ours = mine(shown);
      } catch {
        // keep it
      }
      if (ours) yield unexpected({ file: shown }, e);
    }
  }
}

/** Where a record starts, for its diagnostics: an NDJSON line, or an array element's line and column. */
function placeOf(r: InputRecord): { line?: number; column?: number } {
  if (!r.line) return {};
  return r.column ? { line: r.line, column: r.column } : { line: r.line };
}

/** A message about a whole record, led by where it starts (`line 7: …`, `element 3 (line 9, column 3): …`). */
function placeText(r: InputRecord, message: string): string {
  if (!r.line) return message;
  return `${recordElementPlace(r) ?? `line ${r.line}`}: ${message}`;
}

/** A bug met while reading one input or record: reported as its error. */
function unexpected(at: SourceLocation, e: unknown, line?: number): InputRecord {
  const what = e instanceof Error ? e.message : String(e);
  return failure(at, 'record-internal-error', `internal error while reading: ${what.slice(0, 200)}`, {
    ...(line ? { line } : {}),
    hint: 'please report this with the input (or a redacted copy): it is a bug in dprk-check',
  });
}

async function* entryRecords(entry: InputEntry, options: ReadOptions, mine: (s: string) => boolean, limits: InputLimits): AsyncGenerator<InputRecord> {
  switch (entry.kind) {
    case 'skipped':
      options.onSkip?.({ path: entry.shown, reason: entry.reason });
      return;
    case 'unreadable':
      if (mine(entry.shown)) yield failure({ file: entry.shown }, entry.code ?? 'input-unreadable', entry.message);
      return;
    case 'stdin': {
      const dir = stdinDirectory(options.stdin);
      if (dir) {
        if (mine('<stdin>')) yield failure({ file: '<stdin>' }, 'input-not-regular', dir);
        return;
      }
      // Standard input may never end: a line that runs past the document ceiling stops the reading.
      yield* sniffedRecords(readLines(options.stdin, '<stdin>', MAX_LINE_BYTES, MAX_JSON_FILE_BYTES), '<stdin>', mine, 'sniff', limits);
      return;
    }
    case 'file':
      yield* fileRecords(entry.path, entry.shown, entry.as, mine, limits);
  }
}

/**
 * Standard input redirected from a directory (`dprk-check - < dir`) reads as empty: said as it is.
 * Only the process's own standard input (fd 0) can be asked; a pipe, a terminal or a file is read.
 */
function stdinDirectory(stdin: Readable): string | undefined {
  if ((stdin as { fd?: unknown }).fd !== 0) return undefined;
  let st;
  try {
    st = fstatSync(0);
  } catch {
    return undefined;
  }
  return st.isDirectory()
    ? 'standard input is a directory, not a file or a pipe: nothing to read (redirect a file: dprk-check - < applicants.ndjson)'
    : undefined;
}

async function* fileRecords(
  path: string,
  shown: string,
  as: 'json' | 'ndjson' | 'sniff',
  mine: (s: string) => boolean,
  limits: InputLimits,
): AsyncGenerator<InputRecord> {
  // Opened without blocking and checked on the open descriptor: a path that turned into a FIFO
  // after the directory walk must not hang the run (expand-paths refuses the ones it sees).
  let handle: FileHandle | undefined;
  let size: number;
  try {
    handle = await open(path, READ_NO_WAIT);
    const st = await handle.stat();
    if (!st.isFile()) {
      await handle.close();
      if (mine(shown)) yield failure({ file: shown }, 'input-not-regular', notRegularMessage(st));
      return;
    }
    size = st.size;
  } catch (e) {
    await handle?.close().catch(() => {});
    if (mine(shown)) yield failure({ file: shown }, 'input-unreadable', `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return;
  }
  if (as === 'json' && size > MAX_JSON_FILE_BYTES) {
    await handle.close();
    if (mine(shown)) yield tooLarge(shown, size);
    return;
  }
  const stream = handle.createReadStream({ highWaterMark: 256 * 1024 });
  const lines = readLines(guard(stream), shown);
  try {
    yield* sniffedRecords(lines, shown, mine, as, limits, size);
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    if (mine(shown)) yield failure({ file: shown }, 'input-unreadable', `cannot read: ${e.message}`);
  } finally {
    stream.destroy();
  }
}

class ReadError extends Error {}

/** Turn a stream failure (EISDIR, EACCES, a vanished file) into one error we can report. */
async function* guard(stream: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (e) {
    throw new ReadError((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
}

/** `atLeast`: standard input, read only up to the ceiling, so its size is not known. */
function tooLarge(shown: string, size: number, atLeast = false): InputRecord {
  return failure(
    { file: shown },
    'input-too-large',
    `is ${atLeast ? 'more than ' : ''}${Math.round(size / MB)} MB; a single JSON document may be at most ${MAX_JSON_FILE_BYTES / MB} MB because it must be read whole`,
    { hint: TOO_LARGE_HINT },
  );
}

async function* ndjsonRecords(
  lines: AsyncIterable<RawLine>,
  file: string,
  mine: (s: string) => boolean,
  limits: InputLimits,
  first?: RawLine,
): AsyncGenerator<InputRecord> {
  if (first && mine(sourceText({ file, line: first.line }))) yield safeLineRecord(file, first, limits);
  for await (const raw of lines) {
    if (!mine(sourceText({ file, line: raw.line }))) continue;
    yield 'cut' in raw ? cutLine(file, raw) : safeLineRecord(file, raw, limits);
  }
}

function safeLineRecord(file: string, raw: RawLine, limits: InputLimits): InputRecord {
  try {
    return lineRecord(file, raw, limits);
  } catch (e) {
    return unexpected({ file, line: raw.line }, e, raw.line);
  }
}

/**
 * NDJSON or one JSON document. `.json` files are documents. For standard input and unknown names
 * the first non-blank line decides: a whole JSON object starts NDJSON; anything else ('[', a
 * pretty-printed '{') is a document. A `.ndjson` file is NDJSON (a broken first line is just a
 * broken record) unless its first line is a lone bracket: pretty-printed JSON under the wrong name.
 */
async function* sniffedRecords(
  lines: AsyncIterable<RawLine>,
  file: string,
  mine: (s: string) => boolean,
  as: 'json' | 'ndjson' | 'sniff',
  limits: InputLimits,
  /** The file's size when known (a file, not standard input). */
  size?: number,
): AsyncGenerator<InputRecord> {
  const it = lines[Symbol.asyncIterator]();
  const head = await it.next();
  const rest = { [Symbol.asyncIterator]: () => it };
  if (head.done) {
    if (mine(file)) yield failure({ file }, 'input-empty', 'the input is empty: expected a JSON object describing an applicant');
    return;
  }
  const first = head.value;
  if ('cut' in first) {
    if (mine(file)) yield cutLine(file, first);
    return;
  }
  const ndjson =
    as === 'ndjson'
      ? !('text' in first && /^\s*[[{]\s*$/.test(first.text))
      : as === 'sniff' && 'text' in first && !first.text.trimStart().startsWith('[') && isWholeObject(first.text, limits.maxRecordBytes);
  if (ndjson) {
    yield* ndjsonRecords(rest, file, mine, limits, first);
    return;
  }
  // A document: gather it (bounded), keeping line numbers for error positions. Past the ceiling
  // reading stops: standard input may never end (`yes '{' |`), and a file's size is known anyway.
  const parts = new TextParts();
  const warnings: Diagnostic[] = [];
  let bytes = 0;
  let lineNo = 0;
  // A line over the line limit is refused with the document (it is not held), as one over the ceiling.
  let oversize = false;
  for (let raw: RawLine | undefined = first; raw; raw = await next(it)) {
    bytes += 'tooLong' in raw ? raw.tooLong : raw.text.length;
    if (bytes > MAX_JSON_FILE_BYTES) {
      if (mine(file)) yield tooLarge(file, size ?? bytes, size === undefined);
      return;
    }
    if ('tooLong' in raw) {
      oversize = true;
      continue;
    }
    if (oversize) continue;
    // The first few are enough to say the encoding was guessed; one per line would grow with the file.
    if (raw.warning && warnings.length < 5) warnings.push(raw.warning);
    if (raw.line - lineNo > 1) parts.push('\n'.repeat(raw.line - lineNo - 1));
    parts.push(raw.text);
    parts.push('\n');
    lineNo = raw.line;
  }
  if (oversize) {
    if (mine(file)) yield tooLarge(file, size ?? bytes);
    return;
  }
  const text = parts.join();
  // A document that is one object is one record: over the record limit, refuse it unparsed.
  const over = /^\s*\{/.test(text.slice(0, 1024)) ? textOverLimit(text.length, limits) : undefined;
  if (over) {
    if (mine(file)) yield failure({ file }, 'input-limit', over, { hint: LIMIT_HINT });
    return;
  }
  yield* documentRecords(file, text, { accept: mine, warnings });
}

/**
 * Strings joined at the end, held as a few long ones: one array entry per line of a 90 MB file of
 * short lines (45 million lines, three entries each) passed V8's array limit and aborted the process.
 */
class TextParts {
  private done: string[] = [];
  private open: string[] = [];
  push(s: string): void {
    this.open.push(s);
    if (this.open.length >= 4096) {
      this.done.push(this.open.join(''));
      this.open = [];
    }
  }
  join(): string {
    return this.done.join('') + this.open.join('');
  }
}

/** A line without end on standard input: it is refused, and nothing after it is read. */
function cutLine(file: string, raw: { line: number; tooLong: number }): InputRecord {
  // The input is what could not be read (not one record): what came before the line stands.
  return failure(
    { file },
    'input-too-large',
    `line ${raw.line} runs on for more than ${MAX_JSON_FILE_BYTES / MB} MB without a line break: reading stopped there (no record or JSON document is that long)`,
    { line: raw.line, hint: 'is this applicant data? NDJSON has one applicant per line; a JSON document may be at most 128 MB' },
  );
}

async function next(it: AsyncIterator<RawLine>): Promise<RawLine | undefined> {
  const n = await it.next();
  return n.done ? undefined : n.value;
}

function isWholeObject(text: string, maxRecordBytes: number): boolean {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return false;
  // Too long to be a record anyway: read as NDJSON, where the line is refused without parsing.
  if (t.length > maxRecordBytes) return true;
  try {
    const v: unknown = JSON.parse(t);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}
