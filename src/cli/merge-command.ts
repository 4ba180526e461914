import { resolve } from 'node:path';
import type { CliIO } from './io.js';
import { EXIT } from './exit-codes.js';
import { readReportFile } from './read-report-file.js';
import { SideFileError } from '../util/read-side-file.js';
import type { FailOn } from '../model/levels.js';
import type { ApplicantResult, LinkKeys } from '../model/report.js';
import { WHOLE_MESSAGE_PART } from '../model/finding.js';
import { escapeControls } from '../formats/plain-text.js';
import { exitCodeFor } from '../report/build.js';
import { applicantFromContract, reportFromContract, reportFromContractWith } from '../report/from-contract.js';
import type { SourceLocation } from '../model/source-location.js';
import { byLocation, mergeReports, type MergeInput } from '../pipeline/merge-reports.js';
import { ResultStore } from '../pipeline/result-store.js';
import { isObj } from '../util/is-object.js';
import { SpilledList } from '../util/spilled-list.js';
import { anyRedacted, writeReports, type OutputTarget } from './write-reports.js';
import { REPORT_SCHEMA, reportItemProblems, reportProblems, type ReportProblem } from '../validate/report-schema.js';
import { plural } from '../util/plural.js';

/** A report's problems: the first ten kept to show, all counted (a tampered report may have millions). */
class ProblemList {
  readonly shown: ReportProblem[] = [];
  total = 0;
  add(found: ReportProblem[]): void {
    this.total += found.length;
    for (const p of found) if (this.shown.length < 10) this.shown.push(p);
  }
}

/** `file: error report-invalid: /pointer: what` per problem shown, then what to do. */
function writeReportProblems(io: CliIO, file: string, problems: ProblemList): void {
  for (const p of problems.shown)
    io.stderr.write(`${escapeControls(file)}: error report-invalid: ${escapeControls(p.pointer)}: ${escapeControls(p.message)}\n`);
  const more = problems.total - problems.shown.length;
  io.stderr.write(
    `dprk-check: merge: ${escapeControls(file)} is not a report dprk-check wrote (${plural(problems.total, 'problem')} against schemas/${REPORT_SCHEMA}${more > 0 ? `; ${more} more not shown` : ''}); nothing was merged. Merge the JSON reports of dprk-check runs (-f json:FILE) as they were written.\n`,
  );
}

export interface MergeCommandOptions {
  outputs: OutputTarget[];
  redact?: boolean;
  failOn?: FailOn;
  color?: boolean;
  details?: boolean;
  onlyFlagged?: boolean;
}

/** `dprk-check merge a.json b.json …`: one report, one exit code, as if one run had checked everything. */
export async function runMerge(files: string[], opts: MergeCommandOptions, io: CliIO): Promise<number> {
  const reports: MergeInput[] = [];
  const stores: Array<{ close(): void }> = [];
  const release = () => {
    for (const s of stores) s.close();
  };
  /** Reports that do not record how messages were put together (older versions). */
  const withoutParts = new Set<string>();
  const noParts = (a: ApplicantResult) => a.findings.some((f) => f.messageParts?.some((p) => typeof p !== 'string' && p.path === WHOLE_MESSAGE_PART));
  try {
    for (const file of files) {
      let doc: unknown;
      // Each applicant goes into a result store as it is read (spilled past a few thousand), its
      // source order checked on the way: merge then reads the reports side by side.
      const store = new ResultStore();
      // Link keys likewise: a 1M-applicant shard report carries a million of them.
      const keys = new SpilledList<LinkKeys>('link-keys');
      stores.push(store, keys);
      let inSourceOrder = true;
      let last: SourceLocation | undefined;
      // Checked against the report's schema as it is read: each list item on its own, the rest after.
      const problems = new ProblemList();
      const seen = { applicants: 0, linkKeys: 0 };
      try {
        doc = await readReportFile(
          resolve(io.cwd, file),
          (key, item) => {
            if (key === 'applicants' || key === 'linkKeys') {
              const found = reportItemProblems(key, item, seen[key]++);
              if (found.length) {
                problems.add(found);
                return true;
              }
            }
            if (key === 'linkKeys' && isObj(item)) {
              keys.push(item as unknown as LinkKeys);
              return true;
            }
            if (key !== 'applicants' || !isObj(item)) return false;
            const a = applicantFromContract(item);
            if (last !== undefined && byLocation(last, a.location) > 0) inSourceOrder = false;
            last = a.location;
            if (noParts(a)) withoutParts.add(file);
            store.append(a);
            return true;
          },
          file,
        );
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (e instanceof SideFileError) io.stderr.write(`dprk-check: ${escapeControls(e.message)}\n`);
        else io.stderr.write(`dprk-check: ${escapeControls(file)}: ${code === 'ENOENT' ? 'no such file' : code ? `cannot read: ${code}` : 'not valid JSON'}\n`);
        release();
        return EXIT.ERROR;
      }
      problems.add(reportProblems(doc));
      if (problems.total) {
        writeReportProblems(io, file, problems);
        release();
        return EXIT.ERROR;
      }
      // A report parsed whole (not the layout json.ts writes) keeps its applicants as an array.
      const taken = isObj(doc) && Array.isArray(doc.applicants) && doc.applicants.length === 0 && store.length > 0;
      const keysTaken = isObj(doc) && Array.isArray(doc.linkKeys) && doc.linkKeys.length === 0 && keys.length > 0;
      const parsed = taken ? reportFromContractWith(doc, file, store.list()) : reportFromContract(doc, file);
      const report = typeof parsed !== 'string' && keysTaken ? { ...parsed, linkKeys: keys } : parsed;
      if (typeof report === 'string') {
        io.stderr.write(`dprk-check: ${escapeControls(report)}\n`);
        release();
        return EXIT.ERROR;
      }
      if (!taken) {
        for (const a of report.applicants) if (noParts(a)) withoutParts.add(file);
      }
      reports.push({ file, report, ...(taken ? { inSourceOrder } : {}) });
    }
  } catch (e) {
    release();
    throw e;
  }
  if (anyRedacted(opts.outputs, opts.redact)) {
    const without = reports.filter((r) => withoutParts.has(r.file));
    if (without.length) {
      io.stderr.write(
        `dprk-check: merge: ${escapeControls(without.map((r) => r.file).join(', '))} ${without.length === 1 ? 'does' : 'do'} not record how messages were put together (written by an older dprk-check): masked outputs withhold those messages\n`,
      );
    }
  }
  let merged;
  try {
    merged = mergeReports(reports, { failOn: opts.failOn, generatedAt: (io.now?.() ?? new Date()).toISOString() });
  } finally {
    release();
  }
  try {
    for (const n of merged.notes) io.stderr.write(`dprk-check: merge: ${escapeControls(n)}\n`);
    const written = writeReports(
      merged.report,
      opts.outputs,
      { redact: opts.redact, color: opts.color, rules: [], details: opts.details, onlyFlagged: opts.onlyFlagged },
      io,
    );
    return written === EXIT.OK ? exitCodeFor(merged.report) : written;
  } finally {
    merged.release();
  }
}
