import { describe, expect, test } from 'vitest';
import { parseCsv, parseCsvRows } from '../../../src/util/csv.js';
import { sourceItems } from '../../../src/read/source-file.js';

const HEADER = 'id,full_name,emails,country\n';
const row = (n: number) => `c${n},Person ${n},p${n}@example.com,US\n`;
/** What became of each row: its id, or the line and code of its error. */
const fates = (text: string) => sourceItems('a.csv', text).items.map((i) => (i.value ? String(i.value.id) : `${i.line}: ${i.error!.code}`));

describe('an unclosed quote costs its own row, never the rows after it', () => {
  test('a quote that runs to the end of the file: the row is an error, reading goes on at the next line', () => {
    const text = HEADER + row(1) + 'c2,"Bob Two,b2@example.com,US\n' + row(3) + row(4);
    expect(fates(text)).toEqual(['c1', '3: input-csv-row', 'c3', 'c4']);
    const bad = sourceItems('a.csv', text).items[1]!;
    expect(bad.source).toBe('a.csv#3');
    expect(bad.error).toMatchObject({ severity: 'error', line: 3 });
    expect(bad.error!.message).toBe(
      'the quoted cell at line 3, column 4 is never closed (no closing quote before the end of the file); the row is not read, and reading goes on at line 4',
    );
    // The strict reader (list files, the crosswalk) still refuses the whole file, as before.
    expect(() => parseCsv(text, 'a.csv')).toThrow('a.csv:3: a quoted cell is never closed');
  });

  test('a quote that a later quote closes, swallowing whole rows: the row is an error, the swallowed rows are read', () => {
    const text = HEADER + row(1) + 'c2,"Bob Two,b2@example.com,US\n' + row(3) + 'c4,"Dan, Four",d4@example.com,US\n' + row(5);
    expect(fates(text)).toEqual(['c1', '3: input-csv-row', 'c3', 'c4', 'c5']);
    expect(sourceItems('a.csv', text).items[1]!.error!.message).toContain('runs on over line 4, which has 4 cells like a row of its own');
  });

  test('a quote closed on the next line with text after it: the row is an error', () => {
    const text = HEADER + 'c2,"Bob Two,b2@example.com,US\nc3,Cat,"c3@example.com",US\n' + row(4);
    expect(fates(text)).toEqual(['2: input-csv-row', 'c3', 'c4']);
    expect(sourceItems('a.csv', text).items[0]!.error!.message).toContain('ends on line 3 with text after its closing quote');
  });

  test('genuine cells over several lines are read as before', () => {
    const text = HEADER + 'c1,"Ann\nOne",a1@example.com,US\nc2,"Bob ""B""\nof\nTwo",b2@example.com,US\n' + row(3);
    const { items } = sourceItems('a.csv', text);
    expect(items.map((i) => [i.line, i.value?.full_name])).toEqual([
      [2, 'Ann\nOne'],
      [4, 'Bob "B"\nof\nTwo'],
      [7, 'Person 3'],
    ]);
  });

  test('a genuine multi-line cell holding a line with as many commas as the header has cells is read, not split into rows', () => {
    const text =
      HEADER + 'c1,Ann One,"Acme Tower\nFloor 3, Unit 4, Riverside Park, Leeds\nLS1 4AB, UK",US\n' + row(2) + 'c3,"Cat\n1,2,3,4\nThree",c3@example.com,US';
    const { items } = sourceItems('a.csv', text);
    expect(items.map((i) => [i.line, i.value?.id ?? i.error!.code])).toEqual([
      [2, 'c1'],
      [5, 'c2'],
      [6, 'c3'],
    ]);
    expect(items[0]!.value?.emails).toBe('Acme Tower\nFloor 3, Unit 4, Riverside Park, Leeds\nLS1 4AB, UK');
  });

  test('a quote closed by a later one without text after it, swallowing a row: the row, short of cells, is an error', () => {
    const text = HEADER + 'c2,"Bob Two,b2@example.com,US\n' + row(3) + 'c4,Dan,d4@example.com,US"\n' + row(5);
    expect(fates(text)).toEqual(['2: input-csv-row', 'c3', 'c4', 'c5']);
    expect(sourceItems('a.csv', text).items[0]!.error!.message).toContain('runs on over line 3, which has 4 cells like a row of its own');
    // A later fault in the same row is that row's; the row after it is not blamed for the first.
    const twice = HEADER + 'c1,"Ann\n1,2,3,4\nOne",a1@example.com,"US\nx"y\n' + row(3) + row(4);
    expect(fates(twice)).toEqual(['2: input-csv-row', 'x"y', 'c3', 'c4']);
    // The same as the last row of the file, without a line end.
    expect(fates(HEADER + 'c2,"Bob Two,b2@example.com,US\n' + row(3) + 'c4,Dan,d4@example.com,US"')).toEqual(['2: input-csv-row', 'c3', 'c4']);
  });

  test('every row is accounted for: a file of unclosed quotes gives one error per bad row', () => {
    const rows = Array.from({ length: 50 }, (_, n) => (n % 3 === 0 ? `c${n},"open ${n},x,US\n` : row(n)));
    const out = fates(HEADER + rows.join(''));
    expect(out).toHaveLength(50);
    expect(out.filter((f) => f.endsWith('input-csv-row'))).toHaveLength(17);
  });

  test('the recovering reader resumes at a line after a bad row, and keeps the lines of what follows', () => {
    const rows = parseCsvRows('a,b\n1,"x\n2,3\n"4",5\n', 'f.csv', { fields: 2 });
    expect(rows.map((r) => [r.line, r.error ? 'error' : r.cells])).toEqual([
      [1, ['a', 'b']],
      [2, 'error'],
      [3, ['2', '3']],
      [4, ['4', '5']],
    ]);
  });

  test('a cell over the size limit is an error for its row; the others are read', () => {
    const rows = parseCsvRows(`a,b\n1,${'y'.repeat(50)}\n2,3\n`, 'f.csv', { maxCell: 10 });
    expect(rows.map((r) => r.error ?? r.cells.join('|'))).toEqual(['a|b', expect.stringContaining('a cell of more than 10 characters'), '2|3']);
  });
});

describe('cells past the header', () => {
  test('empty ones are ignored with a warning that names the lines', () => {
    const out = sourceItems('a.csv', HEADER + row(1) + 'c2,B,b@example.com,US,,\nc3,C,c@example.com,US,\n');
    expect(out.items.map((i) => i.value?.id)).toEqual(['c1', 'c2', 'c3']);
    expect(out.warnings).toEqual([
      {
        code: 'input-csv-extra-cells',
        severity: 'warning',
        file: 'a.csv',
        line: 3,
        message: "2 rows (lines 3, 4) have more cells than the header's 4; the extra cells are empty and were ignored",
      },
    ]);
  });

  test('ones that hold text make the row an error, with its line', () => {
    const out = sourceItems('a.csv', HEADER + 'c1,Smith, Jo,j@example.com,US\n' + row(2));
    expect(out.items[0]!.error).toMatchObject({ code: 'input-not-object', line: 2, message: 'line 2 has 5 cells, the header 4: the row is not read' });
    expect(out.items[1]!.value?.id).toBe('c2');
    expect(out.warnings).toEqual([]);
  });
});

describe('rows with fewer cells than the header', () => {
  test('are read with the missing cells empty, with one warning per file that names the lines', () => {
    const out = sourceItems('a.csv', HEADER + row(1) + 'c2,B,b@example.com\n\nc3,C\n' + row(4) + 'c5\n');
    expect(out.items.map((i) => i.value)).toEqual([
      { id: 'c1', full_name: 'Person 1', emails: 'p1@example.com', country: 'US' },
      { id: 'c2', full_name: 'B', emails: 'b@example.com' },
      { id: 'c3', full_name: 'C' },
      { id: 'c4', full_name: 'Person 4', emails: 'p4@example.com', country: 'US' },
      { id: 'c5' },
    ]);
    // The blank line 4 is no row: not counted.
    expect(out.warnings).toEqual([
      {
        code: 'input-csv-missing-cells',
        severity: 'warning',
        file: 'a.csv',
        line: 3,
        message: "3 rows (lines 3, 5, 7) have fewer cells than the header's 4; the missing cells were read as empty",
      },
    ]);
  });

  test('one row: the warning says its line; rows with every cell give none', () => {
    expect(sourceItems('a.csv', HEADER + row(1) + 'c2,B\n').warnings.map((w) => w.message)).toEqual([
      "line 3 has fewer cells than the header's 4; the missing cells were read as empty",
    ]);
    expect(sourceItems('a.csv', HEADER + row(1) + row(2)).warnings).toEqual([]);
  });

  test('beside extra empty cells in the same file: one warning of each kind', () => {
    const out = sourceItems('a.csv', HEADER + 'c1,A,a@example.com,US,\nc2,B\n');
    expect(out.warnings.map((w) => `${w.code} ${w.line}`)).toEqual(['input-csv-extra-cells 2', 'input-csv-missing-cells 3']);
    expect(out.items.every((i) => i.value && !i.error)).toBe(true);
  });
});
