import type { CsvRow } from '../util/csv.js';
import { ImportError } from './types.js';
import { plural } from '../util/plural.js';

export type ListFileKind = 'ofac-sdn' | 'ofac-alt' | 'ofac-add' | 'ofac-comments' | 'opensanctions' | 'ftm' | 'ofac-advanced';

/** Columns of OpenSanctions targets.simple.csv that the import needs (it has a header row). */
export const OPENSANCTIONS_REQUIRED = ['id', 'schema', 'name', 'aliases', 'birth_date', 'countries', 'sanctions', 'emails'];

const isInt = (s: string | undefined) => s !== undefined && /^\s*\d+\s*$/.test(s);

const EXPECTED = [
  'OFAC sdn.csv (12 columns, no header: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks)',
  'OFAC alt.csv (5 columns, no header: ent_num, alt_num, alt_type, alt_name, alt_remarks)',
  'OFAC add.csv (6 columns, no header: ent_num, add_num, address, city/state/postal code, country, add_remarks)',
  'OFAC sdn_comments.csv (2 columns, no header: ent_num, remarks continued)',
  'OpenSanctions targets.simple.csv (header row with id, schema, name, aliases, birth_date, countries, addresses, identifiers, sanctions, phones, emails, …)',
  'OpenSanctions entities.ftm.json (one FollowTheMoney JSON entity per line)',
  'OFAC SDN_ADVANCED.XML (Sanctions List Service advanced XML)',
].join('; ');

/**
 * Which list file this is, from its first row. OFAC's legacy CSVs have no header, so the column
 * count and the numeric ent_num tell them apart; OpenSanctions has a header row.
 */
export function detectListFile(rows: CsvRow[], file: string): ListFileKind {
  const first = rows[0];
  if (!first) throw new ImportError(`${file}: the file is empty`);
  const cells = first.cells;
  const header = cells.map((c) => c.trim().toLowerCase());
  if (header.includes('schema') || header.includes('name') || header.includes('id')) {
    const missing = OPENSANCTIONS_REQUIRED.filter((c) => !header.includes(c));
    if (missing.length) {
      throw new ImportError(
        `${file}:1: looks like a CSV with a header row, but the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing (found: ${header.join(', ')}); expected ${EXPECTED}`,
      );
    }
    return 'opensanctions';
  }
  if (isInt(cells[0])) {
    if (cells.length === 12) return 'ofac-sdn';
    if (cells.length === 5 && isInt(cells[1])) return 'ofac-alt';
    if (cells.length === 6 && isInt(cells[1])) return 'ofac-add';
    if (cells.length === 2) return 'ofac-comments';
  }
  const shown = cells
    .slice(0, 4)
    .map((c) => JSON.stringify(c.length > 30 ? `${c.slice(0, 27)}…` : c))
    .join(', ');
  throw new ImportError(
    `${file}:${first.line}: ${plural(cells.length, 'column')} (${shown}${cells.length > 4 ? ', …' : ''}) — not a list file this import reads; expected ${EXPECTED}`,
  );
}
