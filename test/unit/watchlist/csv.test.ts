import { describe, expect, test } from 'vitest';
import { CsvError, parseCsv } from '../../../src/util/csv.js';
import { ofacValue } from '../../../src/watchlist/ofac.js';

describe('CSV reader', () => {
  test('quotes, doubled quotes, CRLF, a BOM and newlines inside quotes; rows keep their first line', () => {
    const rows = parseCsv('\ufeffa,"b, c","d ""e"""\r\n1,"two\nlines",3\n\nx,y,z', 'f.csv');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b, c', 'd "e"'] },
      { line: 2, cells: ['1', 'two\nlines', '3'] },
      { line: 5, cells: ['x', 'y', 'z'] },
    ]);
  });

  test('an unclosed quote names the file and the line it opened on', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', 'list.csv')).toThrow(CsvError);
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', 'list.csv')).toThrow('list.csv:2: a quoted cell is never closed');
  });

  test('another delimiter (OpenSanctions multi-value cells)', () => {
    expect(parseCsv('a;"b;c";d', 'cell', ';')[0]!.cells).toEqual(['a', 'b;c', 'd']);
  });

  test("OFAC's -0- means empty, padded or not", () => {
    expect(ofacValue('-0- ')).toBeUndefined();
    expect(ofacValue(' -0-')).toBeUndefined();
    expect(ofacValue('')).toBeUndefined();
    expect(ofacValue(' DPRK3 ')).toBe('DPRK3');
  });
});
