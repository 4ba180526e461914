import type { Readable } from 'node:stream';
import type { InputRecord } from './input-record.js';
import { documentRecords } from './json-document.js';
import { readRecords } from './read-records.js';

export { MAX_JSON_FILE_BYTES } from './json-document.js';

export interface ReadEnv {
  stdin: Readable;
}

/** Parse one JSON document holding an applicant or an array of applicants. */
export function parseJsonRecords(file: string, raw: string): InputRecord[] {
  return [...documentRecords(file, raw)];
}

/**
 * All records of the named inputs in one array: for small runs and tests. Batch runs use
 * readRecords, which streams.
 */
export async function readInputs(paths: string[], env: ReadEnv & { cwd?: string }): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  for await (const r of readRecords(paths, { cwd: env.cwd ?? process.cwd(), stdin: env.stdin, inputFormat: 'applicant' })) out.push(r);
  return out;
}
