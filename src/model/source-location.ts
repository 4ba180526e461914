/**
 * Where a record sits in its input: the file (or `<stdin>`, or a name such as `shard 2/3` for an
 * error about no file), and its line (NDJSON, CSV) or its index (JSON array), never both. Read
 * records carry it from the reader to every format, so no format has to take a string apart.
 */
export interface SourceLocation {
  file: string;
  line?: number;
  index?: number;
}

// Every applicant keeps its source until the report is written: NDJSON sources are built on one
// shared `file#` prefix per file, so each costs its line number rather than another copy of the path.
let prefixFile: string | undefined;
let prefix = '';

/**
 * The one written form of a location: `file#line`, `file[index]` or `file`. It is the `source` of
 * the report contract (JSON reports, shard reports), what every format shows, and what sharding
 * hashes, so it must never change.
 */
export function sourceText(at: SourceLocation): string {
  if (at.line !== undefined) {
    if (at.file !== prefixFile) {
      prefixFile = at.file;
      prefix = `${at.file}#`;
    }
    return prefix + at.line;
  }
  return at.index !== undefined ? `${at.file}[${at.index}]` : at.file;
}

/** How a message names an element of a JSON array: its index and where it starts. */
export function elementPlace(index: number, at: { line: number; column: number }): string {
  return `element ${index} (line ${at.line}, column ${at.column})`;
}

/** A location with its written form, as a read record, a result and a run error carry both. */
export function placed(at: SourceLocation): { source: string; location: SourceLocation } {
  return { source: sourceText(at), location: at };
}

/**
 * Back from the written form, for reports read back from JSON (merge, review), where only the
 * contract's `source` string exists: the one place a location is parsed.
 */
export function parseSource(source: string): SourceLocation {
  const hash = /^(.*)#(\d+)$/.exec(source);
  if (hash) return { file: hash[1]!, line: Number(hash[2]) };
  const idx = /^(.*)\[(\d+)\]$/.exec(source);
  if (idx) return { file: idx[1]!, index: Number(idx[2]) };
  return { file: source };
}
