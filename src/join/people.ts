import type { SourceLocation } from '../model/source-location.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { CsvError, parseCsv } from '../util/csv.js';
import { readSideText, SideFileError } from '../util/read-side-file.js';

/** A crosswalk is read whole: 128 MB is millions of aliases, and keeps parsing within memory. */
export const MAX_PEOPLE_BYTES = 128 * 1024 * 1024;

/**
 * The --people crosswalk: CSV `id,alias`, one row per alias (a work e-mail, an IdP user id, a
 * payroll worker id, a device name or serial). Aliases compare case-insensitively. An alias listed
 * under two ids is kept as claimed by both, so the records that use it are errors, not guesses.
 */
export interface People {
  /** alias (lower case) → the applicant ids that claim it */
  byAlias: Map<string, Set<string>>;
  /** id → where its first row is, for applicants only the crosswalk names */
  rowOf: Map<string, SourceLocation>;
  errors: Diagnostic[];
}

export const emptyPeople = (): People => ({ byAlias: new Map(), rowOf: new Map(), errors: [] });

export async function loadPeople(path: string, shown: string): Promise<People> {
  const people = emptyPeople();
  const fail = (message: string, line?: number) =>
    people.errors.push({ code: 'people-invalid', severity: 'error', file: shown, ...(line ? { line } : {}), message });
  let text: string;
  try {
    text = readSideText(path, { label: `--people ${shown}`, maxBytes: MAX_PEOPLE_BYTES });
  } catch (e) {
    if (e instanceof SideFileError) fail(`the --people file ${e.problem}`);
    else fail(`cannot read the --people file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return people;
  }
  let rows;
  try {
    rows = parseCsv(text, shown);
  } catch (e) {
    if (e instanceof CsvError) fail(e.message);
    else throw e;
    return people;
  }
  const header = rows[0]?.cells.map((c) => c.trim().toLowerCase());
  if (!header || header[0] !== 'id' || header[1] !== 'alias') {
    fail('the --people file must start with the header "id,alias"', rows[0]?.line ?? 1);
    return people;
  }
  for (const row of rows.slice(1)) {
    const id = row.cells[0]?.trim();
    const alias = row.cells[1]?.trim();
    if (!id || !alias) {
      fail('a row needs both an id and an alias', row.line);
      continue;
    }
    if (!people.rowOf.has(id)) people.rowOf.set(id, { file: shown, line: row.line });
    const key = alias.toLowerCase();
    const ids = people.byAlias.get(key) ?? new Set<string>();
    ids.add(id);
    people.byAlias.set(key, ids);
  }
  return people;
}
