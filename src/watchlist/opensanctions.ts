import type { CsvRow } from '../util/csv.js';
import { CsvError, parseCsv } from '../util/csv.js';
import { ImportError, type ImportResult, type WatchEntry } from './types.js';
import { plural } from '../util/plural.js';

export interface OpenSanctionsOptions {
  /** Keep a row when its sanctions / programme text matches; default: North Korea programmes. */
  programs?: RegExp;
  date: string;
}

export const PERSON = new Set(['person']);
export const ENTITY = new Set(['organization', 'company', 'legalentity', 'publicbody']);
export const DPRK_TEXT = /DPRK|North Korea|Korea,\s*North|Democratic People's Republic of Korea/i;
export const OPENSANCTIONS_LICENCE = 'CC BY-NC 4.0 (OpenSanctions): free for non-commercial use; businesses need a data licence from OpenSanctions';

/**
 * Multi-value cells are ';'-joined; a value that itself holds ';' is CSV-quoted inside the cell.
 * A broken inner quote is reported at the row's file:line and column.
 */
export function splitMulti(cell: string | undefined, where?: { file: string; line: number; column: string }): string[] {
  if (!cell || !cell.trim()) return [];
  if (!cell.includes('"'))
    return cell
      .split(';')
      .map((v) => v.trim())
      .filter(Boolean);
  try {
    const rows = parseCsv(cell, where?.file ?? 'cell', { delimiter: ';', firstLine: where?.line ?? 1 });
    return rows
      .flatMap((r) => r.cells)
      .map((v) => v.trim())
      .filter(Boolean);
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const what = e.message.replace(/^.*?:\d+: /, '');
    throw new ImportError(
      `${where?.file ?? 'cell'}:${where?.line ?? 1}: the ${where?.column ?? ''} cell holds ';'-joined values and ${what} inside it; the file may be damaged or edited`,
    );
  }
}

/**
 * targets.simple.csv → entries, by header name (exports differ in column order and some add
 * program_ids). Only sanctioned rows are kept (PEPs and other targets are not sanctions): a row
 * with sanctions text or programme ids; by default those tied to North Korea by country code kp,
 * by programme text or by a programme id such as US-DPRK3. Wallet rows (schema CryptoWallet) feed
 * the wallet list.
 */
export function readOpenSanctions(rows: CsvRow[], file: string, opts: OpenSanctionsOptions): ImportResult {
  const header = rows[0]!.cells.map((c) => c.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const at = (r: CsvRow, name: string) => (col(name) >= 0 ? r.cells[col(name)] : undefined);
  const entries: WatchEntry[] = [];
  let skipped = 0;
  for (const r of rows.slice(1)) {
    if (r.cells.length !== header.length) {
      throw new ImportError(
        `${file}:${r.line}: ${plural(r.cells.length, 'column')} where the header has ${header.length}; the file may be cut short or edited`,
      );
    }
    const multi = (column: string) => splitMulti(at(r, column), { file, line: r.line, column });
    const schema = (at(r, 'schema') ?? '').trim().toLowerCase();
    const name = (at(r, 'name') ?? '').trim();
    const sanctions = multi('sanctions');
    const programIds = multi('program_ids');
    const programText = [...sanctions, ...programIds].join(' ');
    const countries = multi('countries').map((c) => c.toLowerCase());
    const selected = opts.programs ? opts.programs.test(programText) : countries.includes('kp') || DPRK_TEXT.test(programText);
    const kind = PERSON.has(schema) ? 'person' : ENTITY.has(schema) ? 'entity' : schema === 'cryptowallet' ? 'wallet' : undefined;
    if (!name || !kind || (sanctions.length === 0 && programIds.length === 0) || !selected) {
      skipped++;
      continue;
    }
    const id = (at(r, 'id') ?? '').trim();
    const programs = [...programIds, ...sanctions.map((s) => s.split(' - ')[0]!.trim())].filter((p, i, all) => p && all.indexOf(p) === i);
    entries.push({
      kind,
      name,
      aliases: kind === 'wallet' ? [] : multi('aliases').filter((a) => a !== name),
      weakAliases: [],
      programs,
      dob: multi('birth_date').join('; ') || undefined,
      addresses: multi('addresses').slice(0, 3),
      emails: multi('emails'),
      websites: [],
      // A wallet row's caption is its address; the identifiers column repeats it.
      wallets: kind === 'wallet' ? [{ address: multi('identifiers')[0] ?? name }] : [],
      source: { title: `OpenSanctions, entity ${id}`, url: `https://www.opensanctions.org/entities/${encodeURIComponent(id)}/`, date: opts.date },
    });
  }
  return {
    sourceName: 'OpenSanctions targets.simple.csv',
    shortName: 'OpenSanctions',
    licence: OPENSANCTIONS_LICENCE,
    entries,
    read: rows.length - 1,
    skipped,
  };
}
