/**
 * RFC 4180 CSV: comma-separated (or `delimiter`), double-quoted cells with "" escapes, CR, LF or CRLF line ends,
 * newlines inside quotes, an optional BOM. Each row keeps the line it starts on, for messages.
 */
export interface CsvRow {
  line: number;
  cells: string[];
}

export class CsvError extends Error {}

export function parseCsv(text: string, file: string, delimiter = ','): CsvRow[] {
  const rows: CsvRow[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let cells: string[] = [];
  let cell = '';
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      quoteLine = line;
      cell = '';
      i++;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      cell += ch;
      i++;
    }
  }
  if (quoted) throw new CsvError(`${file}:${quoteLine}: a quoted cell is never closed`);
  if (cell !== '' || cells.length) endRow();
  return rows;
}

/** OFAC writes "-0-" (sometimes padded) for "no value". */
export function ofacValue(cell: string | undefined): string | undefined {
  const v = (cell ?? '').trim();
  return v === '' || v === '-0-' ? undefined : v;
}
