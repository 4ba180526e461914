import type { CsvRow } from './csv.js';
import { ofacValue } from './csv.js';
import { ImportError, type ImportResult, type WatchEntry } from './types.js';

export interface OfacOptions {
  /** Keep a row when a programme matches; default: DPRK programmes (DPRK, DPRK2…, DPRK-NKSPEA). */
  programs?: RegExp;
  /** Also keep rows whose remarks tie them to North Korea (e.g. NPWMD or CYBER designations). */
  remarksToo?: boolean;
  /** When the list was downloaded (the file's date), for each entry's source. */
  date: string;
}

export const DPRK_PROGRAMS = /^DPRK/i;
const NORTH_KOREA = /Korea,\s*North|North Korea|\bDPRK\b/i;

/** Facts OFAC packs into Remarks: "DOB 1980; Email Address a@b.c; Digital Currency Address - XBT 1abc; …". */
export function parseRemarks(remarks: string | undefined): { dob?: string; emails: string[]; wallets: string[] } {
  const out = { emails: [] as string[], wallets: [] as string[], dob: undefined as string | undefined };
  if (!remarks) return out;
  for (const part of remarks.split(';').map((p) => p.trim())) {
    let m = /^DOB\s+(.+)$/i.exec(part);
    if (m) out.dob = out.dob ? `${out.dob}; ${m[1]!.trim()}` : m[1]!.trim();
    m = /^Email Address\s+(\S+@\S+?)\.?$/i.exec(part);
    if (m) out.emails.push(m[1]!);
    m = /^Digital Currency Address\s*-\s*\w+\s+(\S+?)\.?$/i.exec(part);
    if (m) out.wallets.push(m[1]!);
  }
  return out;
}

/** OFAC writes several programmes as "DPRK3] [DPRK4" (the outer brackets dropped). */
export function splitPrograms(cell: string | undefined): string[] {
  return (ofacValue(cell) ?? '').split(/\]\s*\[|;/).map((p) => p.replace(/[[\]]/g, '').trim()).filter(Boolean);
}

function checkColumns(rows: CsvRow[], n: number, file: string, what: string): void {
  const bad = rows.find((r) => r.cells.length !== n);
  if (bad) throw new ImportError(`${file}:${bad.line}: ${bad.cells.length} columns where ${what} has ${n}; is this the right file, and unmodified?`);
}

/**
 * sdn.csv (+ alt.csv aliases) → entries. Individuals become persons, everything else that is not
 * a vessel or aircraft an entity. OFAC data is a US Government work (public domain).
 */
export function readOfac(sdn: CsvRow[], alt: CsvRow[], files: { sdn: string; alt?: string }, opts: OfacOptions): ImportResult {
  checkColumns(sdn, 12, files.sdn, 'OFAC sdn.csv');
  if (files.alt) checkColumns(alt, 5, files.alt, 'OFAC alt.csv');
  const aliases = new Map<string, string[]>();
  for (const r of alt) {
    const name = ofacValue(r.cells[3]);
    if (!name) continue;
    const id = r.cells[0]!.trim();
    aliases.set(id, [...(aliases.get(id) ?? []), name]);
  }
  const programs = opts.programs ?? DPRK_PROGRAMS;
  const entries: WatchEntry[] = [];
  let skipped = 0;
  for (const r of sdn) {
    const [entNum, nameCell, typeCell, programCell] = r.cells.map((c) => c.trim());
    const name = ofacValue(nameCell);
    const type = (ofacValue(typeCell) ?? 'entity').toLowerCase();
    const progs = splitPrograms(programCell);
    const remarks = ofacValue(r.cells[11]);
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
      programs: progs,
      dob: facts.dob,
      emails: facts.emails,
      wallets: facts.wallets,
      source: {
        title: `OFAC SDN list, entry ${entNum} (${progs.join(', ') || 'no programme'})`,
        url: `https://sanctionssearch.ofac.treas.gov/Details.aspx?id=${entNum}`,
        date: opts.date,
      },
    });
  }
  return { sourceName: 'OFAC Specially Designated Nationals list (sdn.csv, alt.csv)', shortName: 'OFAC SDN', licence: 'US Government work, public domain', entries, read: sdn.length, skipped };
}
