import { resolve } from 'node:path';
import type { CliIO } from './io.js';
import { EXIT } from './exit-codes.js';
import { readReportFile } from './read-report-file.js';
import type { FailOn } from '../model/levels.js';
import type { Report } from '../model/report.js';
import { WHOLE_MESSAGE_PART } from '../model/finding.js';
import { escapeControls } from '../formats/plain-text.js';
import { exitCodeFor } from '../report/build.js';
import { reportFromContract } from '../report/from-contract.js';
import { mergeReports } from '../pipeline/merge-reports.js';
import { anyRedacted, writeReports, type OutputTarget } from './write-reports.js';

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
  const reports: Array<{ file: string; report: Report }> = [];
  for (const file of files) {
    let doc: unknown;
    try {
      doc = await readReportFile(resolve(io.cwd, file));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.stderr.write(`dprk-check: ${escapeControls(file)}: ${code === 'ENOENT' ? 'no such file' : code ? `cannot read: ${code}` : 'not valid JSON'}\n`);
      return EXIT.ERROR;
    }
    const report = reportFromContract(doc, file);
    if (typeof report === 'string') {
      io.stderr.write(`dprk-check: ${escapeControls(report)}\n`);
      return EXIT.ERROR;
    }
    reports.push({ file, report });
  }
  if (anyRedacted(opts.outputs, opts.redact)) {
    const without = reports.filter(({ report }) => Array.from(report.applicants).some((a) => a.findings.some((f) => f.messageParts?.some((p) => typeof p !== 'string' && p.path === WHOLE_MESSAGE_PART))));
    if (without.length) {
      io.stderr.write(`dprk-check: merge: ${escapeControls(without.map((r) => r.file).join(', '))} ${without.length === 1 ? 'does' : 'do'} not record how messages were put together (written by an older dprk-check): masked outputs withhold those messages\n`);
    }
  }
  const merged = mergeReports(reports, { failOn: opts.failOn, generatedAt: (io.now?.() ?? new Date()).toISOString() });
  for (const n of merged.notes) io.stderr.write(`dprk-check: merge: ${escapeControls(n)}\n`);
  const written = writeReports(merged.report, opts.outputs, { redact: opts.redact, color: opts.color, rules: [], details: opts.details, onlyFlagged: opts.onlyFlagged }, io);
  return written === EXIT.OK ? exitCodeFor(merged.report) : written;
}
