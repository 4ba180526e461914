import { resolve as resolvePath } from 'node:path';
import { placed } from '../model/source-location.js';
import type { Readable } from 'node:stream';
import type { InputRecord } from '../read/input-record.js';
import type { JoinSummary, SkippedInput } from '../model/report.js';
import { expandInputs } from '../read/expand-paths.js';
import { readRecords } from '../read/read-records.js';
import { ALL_FORMATS } from '../read/adapters/registry.js';
import { INPUT_FORMATS } from '../read/adapters/index.js';

const STREAMED_FORMATS: readonly string[] = INPUT_FORMATS;
import { joinSources, type JoinFile } from './join-sources.js';
import { loadPeople } from './people.js';
import { looksLikeSource } from './sniff.js';

export interface JoinSettings {
  cwd: string;
  stdin: Readable;
  /** --input-format, when not auto: the format of every input without FORMAT: */
  inputFormat?: string;
  /** --people FILE */
  people?: string;
  /** Salt for device, document and account hashes. */
  salt?: string;
  /** Greenhouse custom-field key holding the date of birth. */
  dobField?: string;
  onSkip?: (s: SkippedInput) => void;
}

/** The salt used when none is configured: hashes still never show the raw value, but set your own (docs/sources.md). */
export const DEFAULT_SALT = 'dprk-check';

/** `okta:signins.json` → { format: okta, path: signins.json }; anything else is a plain path. */
export function parseInputArg(arg: string): { path: string; format?: string } {
  const m = /^([a-z][a-z0-9-]+):(.+)$/.exec(arg);
  if (m && ALL_FORMATS.includes(m[1]!)) return { format: m[1], path: m[2]! };
  return { path: arg };
}

/**
 * Whether this run joins sources: a --people crosswalk, a FORMAT: prefix, a Greenhouse DOB key, or
 * any input that holds source records (CSV, an envelope, sign-in events…). Runs over applicant
 * files alone keep streaming record by record (docs/batch.md).
 */
export async function needsJoin(args: string[], s: JoinSettings): Promise<boolean> {
  if (s.people || s.dobField) return true;
  // The streaming reader knows the applicant model and the two ATS layouts; every other default needs the join.
  if (s.inputFormat && !STREAMED_FORMATS.includes(s.inputFormat)) return true;
  for (const arg of args) {
    const { path, format } = parseInputArg(arg);
    if (format) return true;
    if (path === '-') continue;
    for await (const e of expandInputs([path], s.cwd)) if (e.kind === 'file' && (await looksLikeSource(e.path))) return true;
  }
  return false;
}

/** Read every input, join the records into applicants, and hand them on as input records. */
export async function joinInputs(args: string[], s: JoinSettings): Promise<{ records: InputRecord[]; summary: JoinSummary }> {
  const files: JoinFile[] = [];
  const early: InputRecord[] = [];
  const stdinRecords: InputRecord[] = [];
  const defaultFormat = s.inputFormat && s.inputFormat !== 'auto' ? s.inputFormat : undefined;
  for (const arg of args) {
    const { path, format } = parseInputArg(arg);
    if (path === '-') {
      // Standard input is read as applicant records (a source file needs a name to cite).
      for await (const r of readRecords(['-'], { cwd: s.cwd, stdin: s.stdin })) stdinRecords.push(r);
      continue;
    }
    for await (const e of expandInputs([path], s.cwd)) {
      if (e.kind === 'file') files.push({ path: e.path, shown: e.shown, ...((format ?? defaultFormat) ? { format: format ?? defaultFormat } : {}) });
      else if (e.kind === 'skipped') s.onSkip?.({ path: e.shown, reason: e.reason });
      else if (e.kind === 'unreadable')
        early.push({
          ...placed({ file: e.shown }),
          file: e.shown,
          error: { code: e.code ?? 'input-unreadable', severity: 'error', file: e.shown, message: e.message },
        });
    }
  }
  const people = s.people ? await loadPeople(resolvePath(s.cwd, s.people), s.people) : undefined;
  const joined = await joinSources(files, { people, salt: s.salt ?? DEFAULT_SALT, dobField: s.dobField, applicantRecords: stdinRecords });
  return { records: [...joined.records, ...early], summary: joined.summary };
}
