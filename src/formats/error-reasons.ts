import type { Diagnostic } from '../model/diagnostic.js';
import type { RunError } from '../model/report.js';
import { omittedCount } from '../model/omitted-problems.js';
import { elementPlace } from '../model/source-location.js';
import { truncate } from './plain-text.js';

/**
 * Why a record could not be checked, for the formats that give it one line or one cell (CSV,
 * Markdown, GitHub, SARIF, HTML, the echo on standard error): its head message, then its first
 * problems, each with where it is. Text, JSON and JUnit list every problem the error holds.
 */

/** Enough to fix a record by; few enough that one record broken in a thousand places cannot flood a log or a cell. */
export const MAX_REASONS = 5;
/** One problem's words: an enum's list of allowed values can run long. */
const REASON_CHARS = 200;

export interface ErrorReasons {
  /** The error's message, with the position of the problem it names when that is known. */
  head: string;
  /** The first problems, each `message (line L, column C)` or `message (at /pointer)`. */
  reasons: string[];
  /** Problems not listed (those the validator itself left out included). */
  more: number;
}

/** `(line 4, column 12)`, or the JSON pointer when no line is known, as formatDiagnostic places them. */
function position(d: Diagnostic): string {
  if (d.line) return ` (line ${d.line}${d.column ? `, column ${d.column}` : ''})`;
  return d.path ? ` (at ${d.path})` : '';
}

export interface ReasonOptions {
  /** At most this many problems are listed. */
  max?: number;
  /**
   * The format places the error at its array element's start itself (a SARIF region, a GitHub `line=`):
   * the message then names the element by its index alone, `element 3`, not `element 3 (line 9, column 3)`.
   */
  placed?: boolean;
}

export function errorReasons(e: RunError, { max = MAX_REASONS, placed = false }: ReasonOptions = {}): ErrorReasons {
  // A read error is one diagnostic saying what the message says: only its position is news.
  const own = e.diagnostics.find((d) => d.message === e.message);
  // An NDJSON record's source already names its line (file#12): its column is what is new.
  const onItsLine = own?.line !== undefined && own.line === e.location.line;
  // An array element's message already names where the element starts (element 3 (line 9, column 3)).
  const where = e.start && e.location.index !== undefined ? elementPlace(e.location.index, e.start) : undefined;
  const named = where !== undefined && e.message.startsWith(where);
  const atStart = named && own?.line === e.start!.line && (own.column === undefined || own.column === e.start!.column);
  const message = named && placed ? `element ${e.location.index}${e.message.slice(where.length)}` : e.message;
  const head = !own || atStart ? message : onItsLine ? `${message}${own.column ? ` (column ${own.column})` : ''}` : `${message}${position(own)}`;
  const reasons: string[] = [];
  let more = 0;
  for (const d of e.diagnostics) {
    // Rule failures join their problems into the message: not said twice.
    if (e.message.includes(d.message)) continue;
    const omitted = omittedCount(d);
    if (omitted) more += omitted;
    else if (reasons.length < max) reasons.push(`${truncate(d.message, REASON_CHARS)}${position(d)}`);
    else more++;
  }
  return { head, reasons, more };
}

/** `and 3 more`, or nothing. */
export function moreText(more: number): string {
  return more ? `and ${more} more` : '';
}

/** One line: `head: reason; reason; and N more`. */
export function errorSummary(e: RunError, options: ReasonOptions = {}): string {
  const { head, reasons, more } = errorReasons(e, options);
  const tail = [...reasons, moreText(more)].filter(Boolean);
  return tail.length ? `${head}: ${tail.join('; ')}` : head;
}
