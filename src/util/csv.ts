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
  /** Line of the text's first character in its file (a cell parsed on its own). */
  firstLine?: number;
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

export function parseCsv(text: string, file: string, delimiterOrOptions: string | CsvOptions = ','): CsvRow[] {
  const opts = typeof delimiterOrOptions === 'string' ? { delimiter: delimiterOrOptions } : delimiterOrOptions;
  const delim = (opts.delimiter ?? ',').charCodeAt(0);
  const maxCell = opts.maxCell ?? MAX_CELL_CHARS;
  const rows: CsvRow[] = [];
  const end = dataEnd(text);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = opts.firstLine ?? 1;
  let rowLine = line;
  let cells: string[] = [];
  const tooLong = (at: number) =>
    new CsvError(
      `${file}:${at}: a cell of more than ${maxCell.toLocaleString('en-US')} characters; no list file has one — is the file damaged, or not a list file?`,
    );
  const endRow = () => {
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
  };
  while (i < end) {
    // One cell from i. Blanks before an opening quote are not part of the cell.
    let cell = '';
    let j = i;
    while (j < end && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
    if (j < end && text.charCodeAt(j) === QUOTE) {
      const quoteLine = line;
      const parts: string[] = [];
      let size = 0;
      let k = j + 1;
      for (;;) {
        const q = text.indexOf('"', k);
        if (q < 0 || q >= end) {
          if (end - k + size > maxCell) throw tooLong(quoteLine);
          throw new CsvError(`${file}:${quoteLine}: a quoted cell is never closed`);
        }
        size += q - k;
        if (size > maxCell) throw tooLong(quoteLine);
        for (let n = text.indexOf('\n', k); n >= 0 && n < q; n = text.indexOf('\n', n + 1)) line++;
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
    if (i - start + cell.length > maxCell) throw tooLong(line);
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
    endRow();
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    rowLine = line;
  }
  if (cells.length) endRow();
  return rows;
}
