/**
 * RFC 4180 CSV: comma-separated (or `delimiter`), double-quoted cells with "" escapes, CR, LF or CRLF line ends,
 * newlines inside quotes, an optional BOM. Each row keeps the line it starts on, for messages.
 *
 * Cells are cut out of the text with slices, never built a character at a time, and a cell longer
 * than `maxCell` is refused with its line: a damaged or hostile file (one 100 MB cell) costs one
 * scan, not gigabytes of intermediate strings.
 */
export interface CsvRow {
  line: number;
  cells: string[];
  /** Recovering parse only: why this row could not be read (its cells are then empty). */
  error?: string;
  /** Recovering parse only: just past the row's line end, and the line there (a parse of what follows starts there). */
  end?: number;
  nextLine?: number;
}

export class CsvError extends Error {}

/**
 * No cell of a real list file comes near this: OFAC cuts Remarks at 1,000 characters, and the
 * longest OpenSanctions cells (hundreds of aliases) stay under 100 KB.
 */
export const MAX_CELL_CHARS = 1_000_000;

export interface CsvOptions {
  delimiter?: string;
  maxCell?: number;
  /** Line of the text's first character in its file (a cell parsed on its own), or of `from`. */
  firstLine?: number;
}

export interface RecoverOptions extends CsvOptions {
  /** Where to start in the text (a row's `end`), with `firstLine` the line there. */
  from?: number;
  /** Stop after this many rows (finding the header among the first few). */
  maxRows?: number;
  /** Cells in the header: a line swallowed whole by a quoted cell that has as many is read as a row. */
  fields?: number;
}

const CR = 13;
const LF = 10;
const QUOTE = 34;
const CTRL_Z = 0x1a;

/**
 * Where the data ends: DOS-era files (every OFAC legacy CSV) close with a Ctrl-Z end-of-file mark
 * on a line of its own. Only a trailing run of Ctrl-Z and line ends is dropped; a Ctrl-Z anywhere
 * else is data, and fails where it stands.
 */
function dataEnd(text: string): number {
  let j = text.length;
  let sawCtrlZ = false;
  while (j > 0) {
    const c = text.charCodeAt(j - 1);
    if (c === CTRL_Z) sawCtrlZ = true;
    else if (c !== CR && c !== LF) break;
    j--;
  }
  return sawCtrlZ ? j : text.length;
}

/** Strict: the first fault throws a CsvError naming the file and line (list files, the crosswalk: refused whole). */
export function parseCsv(text: string, file: string, delimiterOrOptions: string | CsvOptions = ','): CsvRow[] {
  const opts = typeof delimiterOrOptions === 'string' ? { delimiter: delimiterOrOptions } : delimiterOrOptions;
  return scan(text, file, opts, false);
}

/**
 * Recovering, for record exports: a row that cannot be read comes back with its `error` and no
 * cells, and reading goes on at the line after the one its fault is on, so one bad row costs that
 * row only. An unclosed quote would otherwise take every row after it into one cell. A quoted cell
 * may hold line ends (RFC 4180), so a quote is taken as unclosed (docs/errors.md, `input-csv-row`)
 * when its cell
 * - runs to the end of the file;
 * - swallows a whole line that reads as a row of its own (no quote in it and at least `fields`
 *   cells; only once the header is known), and its row then lacks the header's cells: a line of a
 *   multi-line address or note can have as many commas, but its row, whole, has the header's cells;
 * - spans a line end and has text after its closing quote (`"…\n…"x`), which only a quote that
 *   closes someone else's cell gives.
 * A file can still be valid CSV and wrong (`"a\nb",c` where `"a` meant to close on its line): no
 * rule tells that apart from a genuine two-line cell, so it is read as one.
 */
export function parseCsvRows(text: string, file: string, opts: RecoverOptions = {}): CsvRow[] {
  return scan(text, file, opts, true);
}

/** A line with no quote and at least as many cells as the header: a row of its own, not the text of a cell. */
function looksLikeRow(text: string, from: number, to: number, delim: number, fields: number): number | undefined {
  let cells = 1;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === QUOTE) return undefined;
    if (c === delim) cells++;
  }
  return cells >= fields ? cells : undefined;
}

function scan(text: string, file: string, opts: RecoverOptions, recover: boolean): CsvRow[] {
  const delim = (opts.delimiter ?? ',').charCodeAt(0);
  const maxCell = opts.maxCell ?? MAX_CELL_CHARS;
  const maxRows = opts.maxRows ?? Infinity;
  // A header of one cell would make every line "a row": the rule needs two.
  const fields = opts.fields !== undefined && opts.fields >= 2 ? opts.fields : undefined;
  const rows: CsvRow[] = [];
  const end = dataEnd(text);
  let i = opts.from ?? (text.charCodeAt(0) === 0xfeff ? 1 : 0);
  let line = opts.firstLine ?? 1;
  let rowLine = line;
  let cells: string[] = [];
  const tooLong = (at: number) =>
    new CsvError(
      `${file}:${at}: a cell of more than ${maxCell.toLocaleString('en-US')} characters; no list file has one — is the file damaged, or not a list file?`,
    );
  /**
   * A quoted cell of this row that swallowed a line looking like a row, but closed where a quote
   * could close it: a genuine multi-line cell (an address, a note) can hold such a line too, so the
   * verdict waits for the row's end: only a row that then lacks the header's cells is the fault.
   */
  let suspect: { message: string; at: number; line: number } | undefined;
  const endRow = (next: number) => {
    if (suspect) {
      const s = suspect;
      suspect = undefined;
      if (!fits(cells)) {
        fault(s.message, s.at, s.line);
        return false;
      }
    }
    if (!(cells.length === 1 && cells[0] === '')) rows.push(recover ? { line: rowLine, cells, end: next, nextLine: line + 1 } : { line: rowLine, cells });
    cells = [];
    return true;
  };
  /** The header's cells, and past them only empty ones (a trailing delimiter). */
  const fits = (row: string[]) => fields !== undefined && row.length >= fields && row.slice(fields).every((c) => c.trim() === '');
  /** Recovering: the row in hand is an error; reading resumes after the line end that follows `at` (on line `atLine`). */
  const fault = (message: string, at: number, atLine: number) => {
    let k = at;
    while (k < end) {
      const c = text.charCodeAt(k);
      if (c === LF || c === CR) break;
      k++;
    }
    if (k < end) k += text.charCodeAt(k) === CR && text.charCodeAt(k + 1) === LF ? 2 : 1;
    rows.push({ line: rowLine, cells: [], error: `${message}; the row is not read, and reading goes on at line ${atLine + 1}`, end: k, nextLine: atLine + 1 });
    cells = [];
    suspect = undefined;
    i = k;
    line = atLine + 1;
    rowLine = line;
  };
  const columnOf = (at: number) => at - (text.lastIndexOf('\n', at - 1) + 1) + 1;
  const longCell = () => `a cell of more than ${maxCell.toLocaleString('en-US')} characters: is the file damaged?`;
  while (i < end && rows.length < maxRows) {
    // One cell from i. Blanks before an opening quote are not part of the cell.
    let cell = '';
    let j = i;
    while (j < end && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
    if (j < end && text.charCodeAt(j) === QUOTE) {
      const quoteLine = line;
      const parts: string[] = [];
      let size = 0;
      let k = j + 1;
      // The last line end inside this cell: once another follows, the line between was swallowed whole.
      let lastBreak = -1;
      let bad: 'open' | 'long' | 'junk' | undefined;
      let swallowed: { line: number; cells: number } | undefined;
      for (;;) {
        const q = text.indexOf('"', k);
        if (q < 0 || q >= end) {
          bad = end - k + size > maxCell ? 'long' : 'open';
          break;
        }
        size += q - k;
        if (size > maxCell) {
          bad = 'long';
          break;
        }
        for (let n = text.indexOf('\n', k); n >= 0 && n < q; n = text.indexOf('\n', n + 1)) {
          line++;
          const asRow = recover && fields && !swallowed && lastBreak >= 0 ? looksLikeRow(text, lastBreak + 1, n, delim, fields) : undefined;
          if (asRow) swallowed = { line: line - 1, cells: asRow };
          lastBreak = n;
        }
        parts.push(text.slice(k, q));
        if (text.charCodeAt(q + 1) === QUOTE) {
          parts.push('"');
          size++;
          k = q + 2;
          continue;
        }
        k = q + 1;
        break;
      }
      if (!bad && recover && line > quoteLine && k < end) {
        const c = text.charCodeAt(k);
        if (c !== delim && c !== CR && c !== LF) bad = 'junk';
      }
      const cellAt = `the quoted cell at line ${quoteLine}, column ${columnOf(j)}`;
      const swallowedText =
        swallowed && `${cellAt} runs on over line ${swallowed.line}, which has ${swallowed.cells} cells like a row of its own: a closing quote is missing`;
      if (bad) {
        if (!recover) throw bad === 'long' ? tooLong(quoteLine) : new CsvError(`${file}:${quoteLine}: a quoted cell is never closed`);
        const message =
          bad === 'long'
            ? longCell()
            : bad === 'open'
              ? `${cellAt} is never closed (no closing quote before the end of the file)`
              : (swallowedText ??
                `${cellAt} ends on line ${line} with text after its closing quote: a closing quote is missing, or a quote inside the cell is not doubled`);
        fault(message, j, quoteLine);
        continue;
      }
      if (swallowedText && !suspect) suspect = { message: swallowedText, at: j, line: quoteLine };
      cell = parts.join('');
      i = k;
    }
    // Unquoted text, or what follows a closing quote, up to the next delimiter or line end.
    const start = i;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === delim || c === CR || c === LF) break;
      i++;
    }
    if (i - start + cell.length > maxCell) {
      if (!recover) throw tooLong(line);
      fault(longCell(), start, line);
      continue;
    }
    if (i > start) cell += text.slice(start, i);
    cells.push(cell);
    if (i >= end) break;
    const c = text.charCodeAt(i);
    if (c === delim) {
      i++;
      // A delimiter at the very end leaves one more, empty, cell.
      if (i >= end) cells.push('');
      continue;
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    // A row found at fault has been replaced by its error, and reading resumes where fault() says.
    if (!endRow(i)) continue;
    line++;
    rowLine = line;
  }
  // The last row, without a line end: a fault there resumes reading after its first line.
  if (cells.length && !endRow(end) && i < end)
    return rows.concat(scan(text, file, { ...opts, from: i, firstLine: line, maxRows: maxRows - rows.length }, recover));
  return rows;
}
