import type { Diagnostic } from './diagnostic.js';

/**
 * The validator reports at most a few dozen problems per record and ends the list with one entry
 * standing for the rest. Built and read here only, so whatever counts a record's problems (the
 * error's head line, the "and N more" of the formats) counts the ones left out too.
 */
export function omittedProblems(more: number, file: string | undefined): Diagnostic {
  return { code: 'applicant-schema', severity: 'error', message: `… and ${more} more problems`, file };
}

const OMITTED = /^… and (\d+) more problems$/;

/** How many problems a diagnostic stands for when it is that entry (also read back from a JSON report); 0 for any other. */
export function omittedCount(d: Diagnostic): number {
  if (d.line !== undefined || d.path !== undefined) return 0;
  const m = OMITTED.exec(d.message);
  return m ? Number(m[1]) : 0;
}

/** Every problem of a list, the left-out ones included. */
export function problemCount(ds: Diagnostic[]): number {
  let n = 0;
  for (const d of ds) n += omittedCount(d) || 1;
  return n;
}
