import type { SourceLocation } from '../model/source-location.js';

/** Where a format places a run error: a file, and a line (and column) when one is known. */
export interface ErrorPlace {
  file: string;
  line?: number;
  column?: number;
}

/**
 * The place of a run error: its record's line (NDJSON), where its array element starts (a JSON
 * array's element is located by its index, which no viewer can open a file at), or the line of
 * its first positioned diagnostic.
 */
export function errorLocation(e: {
  location: SourceLocation;
  start?: { line: number; column: number };
  diagnostics: Array<{ file?: string; line?: number }>;
}): ErrorPlace {
  const at = e.location;
  if (at.line !== undefined) return at;
  if (e.start) return { file: at.file, line: e.start.line, column: e.start.column };
  const d = e.diagnostics.find((x) => x.line !== undefined);
  return d?.line !== undefined && at.index === undefined ? { file: at.file, line: d.line } : { file: at.file };
}
