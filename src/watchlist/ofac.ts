import type { CsvRow } from '../util/csv.js';
import { parseRemarks } from './remarks.js';
import { ImportError, type ImportResult, type WatchEntry } from './types.js';
import { plural } from '../util/plural.js';

export { parseRemarks } from './remarks.js';

/** OFAC writes "-0-" (sometimes padded) for "no value". */
export function ofacValue(cell: string | undefined): string | undefined {
  const v = (cell ?? '').trim();
  return v === '' || v === '-0-' ? undefined : v;
}

export interface OfacOptions {
  /** Keep a row when a programme matches; default: DPRK programmes (DPRK, DPRK2…, DPRK-NKSPEA). */
  programs?: RegExp;
  /** Also keep rows whose remarks tie them to North Korea (e.g. NPWMD or CYBER designations). */
  remarksToo?: boolean;
  /** When the list was downloaded (the file's date), for each entry's source. */
  date: string;
}

/** The companion files of sdn.csv, all keyed by ent_num; each may be absent. */
export interface OfacTables {
  sdn: CsvRow[];
  alt?: CsvRow[];
  add?: CsvRow[];
  comments?: CsvRow[];
}

export const DPRK_PROGRAMS = /^DPRK/i;
const NORTH_KOREA = /Korea,\s*North|North Korea|\bDPRK\b/i;
/** Addresses kept per entry for its note: enough to compare, not the whole address book. */
const MAX_ADDRESSES = 3;

/** OFAC writes several programmes as "DPRK3] [DPRK4" (the outer brackets dropped). */
export function splitPrograms(cell: string | undefined): string[] {
  return (ofacValue(cell) ?? '')
    .split(/\]\s*\[|;/)
    .map((p) => p.replace(/[[\]]/g, '').trim())
    .filter(Boolean);
}

function checkColumns(rows: CsvRow[], n: number, file: string, what: string): void {
  const bad = rows.find((r) => r.cells.length !== n);
  if (bad) throw new ImportError(`${file}:${bad.line}: ${plural(bad.cells.length, 'column')} where ${what} has ${n}; is this the right file, and unmodified?`);
}

function byEntity<T>(rows: CsvRow[], value: (r: CsvRow) => T | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const v = value(r);
    if (v === undefined) continue;
    const id = r.cells[0]!.trim();
    const at = out.get(id);
    if (at) at.push(v);
    else out.set(id, [v]);
  }
  return out;
}

/**
 * sdn.csv (+ alt.csv aliases, add.csv addresses, sdn_comments.csv for Remarks over 1,000
 * characters) → entries. Individuals become persons, everything else that is not a vessel or
 * aircraft an entity. OFAC data is a US Government work (public domain).
 */
export function readOfac(t: OfacTables, files: { sdn: string; alt?: string; add?: string; comments?: string }, opts: OfacOptions): ImportResult {
  checkColumns(t.sdn, 12, files.sdn, 'OFAC sdn.csv');
  if (t.alt && files.alt) checkColumns(t.alt, 5, files.alt, 'OFAC alt.csv');
  if (t.add && files.add) checkColumns(t.add, 6, files.add, 'OFAC add.csv');
  if (t.comments && files.comments) checkColumns(t.comments, 2, files.comments, 'OFAC sdn_comments.csv');
  const aliases = byEntity(t.alt ?? [], (r) => ofacValue(r.cells[3]));
  const addresses = byEntity(t.add ?? [], (r) => [r.cells[2], r.cells[3], r.cells[4]].map(ofacValue).filter(Boolean).join(', ') || undefined);
  // The continuation is the rest of the same text, cut mid-word: joined as it stands.
  const comments = byEntity(t.comments ?? [], (r) => (ofacValue(r.cells[1]) === undefined ? undefined : r.cells[1]!));
  const programs = opts.programs ?? DPRK_PROGRAMS;
  const entries: WatchEntry[] = [];
  let skipped = 0;
  for (const r of t.sdn) {
    const [entNum, nameCell, typeCell, programCell] = r.cells.map((c) => c.trim());
    const name = ofacValue(nameCell);
    const type = (ofacValue(typeCell) ?? 'entity').toLowerCase();
    const progs = splitPrograms(programCell);
    const more = comments.get(entNum ?? '');
    const remarks = more ? `${ofacValue(r.cells[11]) === undefined ? '' : r.cells[11]!}${more.join('')}`.trim() : ofacValue(r.cells[11]);
    const selected = progs.some((p) => programs.test(p)) || (opts.remarksToo !== false && !opts.programs && NORTH_KOREA.test(remarks ?? ''));
    if (!name || !entNum || !/^\d+$/.test(entNum) || type === 'vessel' || type === 'aircraft' || !selected) {
      skipped++;
      continue;
    }
    const facts = parseRemarks(remarks);
    entries.push({
      kind: type === 'individual' ? 'person' : 'entity',
      name,
      aliases: aliases.get(entNum) ?? [],
      weakAliases: facts.weakAliases,
      programs: progs,
      dob: facts.dob,
      addresses: (addresses.get(entNum) ?? []).slice(0, MAX_ADDRESSES),
      emails: facts.emails,
      websites: facts.websites,
      wallets: facts.wallets,
      source: {
        title: `OFAC SDN list, entry ${entNum} (${progs.join(', ') || 'no programme'})`,
        url: `https://sanctionssearch.ofac.treas.gov/Details.aspx?id=${entNum}`,
        date: opts.date,
      },
    });
  }
  const used = ['sdn.csv', t.alt && 'alt.csv', t.add && 'add.csv', t.comments && 'sdn_comments.csv'].filter(Boolean).join(', ');
  return {
    sourceName: `OFAC Specially Designated Nationals list (${used})`,
    shortName: 'OFAC SDN',
    licence: 'US Government work, public domain',
    entries,
    read: t.sdn.length,
    skipped,
  };
}
