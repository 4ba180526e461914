import type { CsvRow } from './csv.js';
import { parseCsv } from './csv.js';
import { ImportError, type ImportResult, type WatchEntry } from './types.js';

export interface OpenSanctionsOptions {
  /** Keep a row when its sanctions / programme text matches; default: North Korea programmes. */
  programs?: RegExp;
  date: string;
}

const PERSON = new Set(['person']);
const ENTITY = new Set(['organization', 'company', 'legalentity', 'publicbody']);
const DPRK_TEXT = /DPRK|North Korea|Korea,\s*North|Democratic People's Republic of Korea/i;

/** Multi-value cells are ';'-joined; a value that itself holds ';' is CSV-quoted inside the cell. */
export function splitMulti(cell: string | undefined): string[] {
  if (!cell || !cell.trim()) return [];
  if (!cell.includes('"')) return cell.split(';').map((v) => v.trim()).filter(Boolean);
  const rows = parseCsv(cell, 'cell', ';');
  return (rows[0]?.cells ?? []).map((v) => v.trim()).filter(Boolean);
}

/**
 * targets.simple.csv → entries, by header name (exports differ in column order and some add
 * program_ids). Only sanctioned rows are kept (PEPs and other targets are not sanctions); by
 * default those tied to North Korea by country code kp or by programme text.
 */
export function readOpenSanctions(rows: CsvRow[], file: string, opts: OpenSanctionsOptions): ImportResult {
  const header = rows[0]!.cells.map((c) => c.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const at = (r: CsvRow, name: string) => (col(name) >= 0 ? r.cells[col(name)] : undefined);
  const entries: WatchEntry[] = [];
  let skipped = 0;
  for (const r of rows.slice(1)) {
    if (r.cells.length !== header.length) {
      throw new ImportError(`${file}:${r.line}: ${r.cells.length} columns where the header has ${header.length}; the file may be cut short or edited`);
    }
    const schema = (at(r, 'schema') ?? '').trim().toLowerCase();
    const name = (at(r, 'name') ?? '').trim();
    const sanctions = splitMulti(at(r, 'sanctions'));
    const programText = [...sanctions, at(r, 'program_ids') ?? ''].join(' ');
    const countries = splitMulti(at(r, 'countries')).map((c) => c.toLowerCase());
    const selected = opts.programs ? opts.programs.test(programText) : countries.includes('kp') || DPRK_TEXT.test(programText);
    const kind = PERSON.has(schema) ? 'person' : ENTITY.has(schema) ? 'entity' : undefined;
    if (!name || !kind || sanctions.length === 0 || !selected) {
      skipped++;
      continue;
    }
    const id = (at(r, 'id') ?? '').trim();
    entries.push({
      kind,
      name,
      aliases: splitMulti(at(r, 'aliases')).filter((a) => a !== name),
      programs: sanctions.map((s) => s.split(' - ')[0]!.trim()).filter(Boolean),
      dob: splitMulti(at(r, 'birth_date')).join('; ') || undefined,
      emails: splitMulti(at(r, 'emails')),
      wallets: [],
      source: { title: `OpenSanctions, entity ${id}`, url: `https://www.opensanctions.org/entities/${encodeURIComponent(id)}/`, date: opts.date },
    });
  }
  return {
    sourceName: 'OpenSanctions targets.simple.csv',
    shortName: 'OpenSanctions',
    licence: 'CC BY-NC 4.0 (OpenSanctions): free for non-commercial use; businesses need a data licence from OpenSanctions',
    entries,
    read: rows.length - 1,
    skipped,
  };
}
