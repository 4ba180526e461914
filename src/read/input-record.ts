import type { Diagnostic } from '../model/diagnostic.js';
import type { SourceLocation } from '../model/source-location.js';

/** One record as it came in, before validation: where it came from, and its value or why not. */
export interface InputRecord {
  /** file, file[index] for arrays, file#line for NDJSON, "<stdin>" for -: sourceText(location). */
  source: string;
  location: SourceLocation;
  file: string;
  value?: unknown;
  /** The record's own JSON text when it is cheap to keep (single files), for line:column lookups. */
  text?: string;
  /** Line where the record starts in its file (NDJSON, a JSON array's element), so positions inside it can be offset. */
  line?: number;
  /** Column where a JSON array's element starts on that line: positions on the record's first line are offset by it. */
  column?: number;
  error?: Diagnostic;
  /** Problems that do not stop the check: odd encoding, fields an ATS adapter could not map. */
  warnings?: Diagnostic[];
  /** Put together by the join stage from several sources: findings name where each value came from. */
  provenance?: boolean;
}
