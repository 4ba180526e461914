import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import type { CliIO } from './io.js';
import { useColor } from './io.js';
import { EXIT } from './exit-codes.js';
import { AtomicFile, BlockWriter, isWriteError, namedDescriptor, writeErrorText } from './write-output.js';
import { escapeControls } from '../formats/plain-text.js';
import { errorSummary } from '../formats/error-reasons.js';
import { FORMAT_NAMES, FORMATS, isFormatName, type FormatName } from '../formats/index.js';
import type { RuleInfo } from '../formats/format.js';
import { firstErrors, type Report } from '../model/report.js';
import type { CompiledRule } from '../model/rule.js';
import { redactReport } from '../redact/redact-report.js';

/** One report to produce: a format, and a file (undefined = standard output). */
export interface OutputTarget {
  format: FormatName;
  file?: string;
  /** The descriptor `file` is written to as it is (output-preflight.ts): one it names, or a pipe opened for it. */
  fd?: number;
  /** `fd` was opened for this target (a pipe): closed once written, so its reader sees the end. */
  closeFd?: boolean;
}

export type OutputPlan = { ok: true; targets: OutputTarget[] } | { ok: false; message: string };

const FORMAT_LIST = FORMAT_NAMES.join(', ');

/**
 * `-f NAME[:FILE]` (repeatable) and `-o FILE` → what to write where. Checked before any input is
 * read, so a typo fails in a second rather than after a million records.
 */
export function planOutputs(specs: string[], output?: string): OutputPlan {
  const targets: OutputTarget[] = [];
  for (const spec of specs.length ? specs : ['text']) {
    const colon = spec.indexOf(':');
    const name = (colon < 0 ? spec : spec.slice(0, colon)).trim().toLowerCase();
    const file = colon < 0 ? undefined : spec.slice(colon + 1);
    if (!isFormatName(name)) return { ok: false, message: `unknown format '${name}'. Formats: ${FORMAT_LIST} (write NAME, or NAME:FILE to send it to a file)` };
    if (file !== undefined && file.trim() === '')
      return { ok: false, message: `--format ${name}: no file after ':' (write ${name}:FILE, or just ${name} for standard output)` };
    targets.push({ format: name, ...(file !== undefined && file !== '-' ? { file } : {}) });
  }
  if (output !== undefined) {
    const open = targets.filter((t) => t.file === undefined);
    if (open.length === 0) return { ok: false, message: '-o FILE names the file of the one format without a file, but every --format already names its file' };
    if (open.length > 1) {
      return {
        ok: false,
        message: `-o FILE takes one format, but ${open.map((t) => t.format).join(', ')} have no file: give each its own with NAME:FILE (e.g. -f sarif:report.sarif)`,
      };
    }
    // `-o -` is standard output, as `NAME:-` is (it wrote a file named "-" in the working directory).
    if (output !== '-') open[0]!.file = output;
  }
  // `-o /dev/stdout` is standard output too: two reports there would be one garbled stream.
  const toStdout = targets.filter((t) => t.file === undefined || namedDescriptor(resolve(t.file)) === 1);
  if (toStdout.length > 1) {
    return {
      ok: false,
      message: `only one format can go to standard output, but ${toStdout.map((t) => t.format).join(', ')} would: give the others a file with NAME:FILE (e.g. -f junit:junit.xml)`,
    };
  }
  const seen = new Map<string, FormatName>();
  for (const t of targets) {
    if (t.file === undefined) continue;
    const key = resolve(t.file);
    // Found before the run, not after a million records were checked.
    if (isDirectory(key))
      return { ok: false, message: `--format ${t.format}: ${t.file} is a directory; name a file (e.g. ${t.file.replace(/\/+$/, '')}/report.${t.format})` };
    const prev = seen.get(key);
    if (prev) return { ok: false, message: `${prev} and ${t.format} would both be written to ${t.file}` };
    seen.set(key, t.format);
  }
  return { ok: true, targets };
}

/** A directory at the path; any other answer (absent, ENOTDIR, EACCES) is left for the write to report. */
function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

export function ruleInfos(rules: CompiledRule[]): RuleInfo[] {
  return rules.map(({ spec }) => ({
    id: spec.id,
    title: spec.title,
    description: spec.description,
    family: spec.family,
    severity: spec.severity,
    references: spec.references,
    falsepositives: spec.falsepositives,
    next: spec.next,
    tags: spec.tags,
  }));
}

export interface WriteOptions {
  /** --redact / --no-redact; undefined leaves each format its default. */
  redact?: boolean;
  color?: boolean;
  rules: RuleInfo[];
  /** --details / --only-flagged (text). */
  details?: boolean;
  onlyFlagged?: boolean;
}

/** Whether any output will be masked (--redact, or a format that masks by default). */
export function anyRedacted(targets: OutputTarget[], redact: boolean | undefined): boolean {
  return targets.some((t) => redact ?? FORMATS[t.format].redactByDefault);
}

/**
 * The one masking layer. Every writer — each format in FORMATS, and the lines echoed on standard
 * error — takes its report from here, never from the caller: a format whose output is masked
 * (--redact, or its `redactByDefault`) is handed the masked report, so a new format is masked
 * without a line of its own. The masked view is made once and shared by all masked outputs; each
 * applicant is masked as it is read (a spilled report is never held masked in memory).
 */
export class ReportViews {
  private masked: Report | undefined;

  constructor(
    private readonly report: Report,
    private readonly redact: boolean | undefined,
  ) {}

  isMasked(format: FormatName): boolean {
    return this.redact ?? FORMATS[format].redactByDefault;
  }

  for(format: FormatName): Report {
    return this.isMasked(format) ? this.maskedReport() : this.report;
  }

  /** For what is not a format (stderr): masked if any output is, since it lands in the same CI log. */
  forLog(targets: OutputTarget[]): Report {
    return targets.some((t) => this.isMasked(t.format)) ? this.maskedReport() : this.report;
  }

  private maskedReport(): Report {
    return (this.masked ??= redactReport(this.report, { perApplicant: true }));
  }
}

/**
 * Render the report in every requested format and write each one, streamed (files atomically).
 * Returns EXIT.ERROR if an output could not be written, else OK; the caller combines it with the
 * report's own code. A reader that goes away from standard output (`| head`) is not an error: the
 * rest is not written and nothing is said, as git and ripgrep do.
 */
export function writeReports(report: Report, targets: OutputTarget[], options: WriteOptions, io: CliIO): number {
  const views = new ReportViews(report, options.redact);
  let failed = false;
  const temps = targets.flatMap((t) => (t.file === undefined || t.fd !== undefined ? [] : (AtomicFile.tempFor(resolve(io.cwd, t.file)) ?? [])));
  const done = io.writing?.(temps);
  try {
    failed = writeEach(views, targets, options, io);
  } finally {
    done?.();
  }
  // Records that could not be checked must show somewhere a person looks; the text report on
  // stdout lists them itself.
  const textOnStdout = targets.some((t) => t.format === 'text' && t.file === undefined);
  if (report.errors.length && !textOnStdout) {
    const shown = views.forLog(targets);
    // A few lines tell a CI log what went wrong; the report itself lists every record.
    const MAX_ECHO = 20;
    // Each with why (its first problems and where they are): "invalid applicant record" alone sends a person to the report file.
    for (const e of firstErrors(shown.errors, MAX_ECHO)) io.stderr.write(`dprk-check: ${escapeControls(`${e.source}: ${errorSummary(e)}`)}\n`);
    if (shown.errors.length > MAX_ECHO)
      io.stderr.write(`dprk-check: … and ${shown.errors.length - MAX_ECHO} more records that could not be checked (all are in the report)\n`);
  }
  return failed ? EXIT.ERROR : EXIT.OK;
}

/** Each target in turn; true if one could not be written. */
function writeEach(views: ReportViews, targets: OutputTarget[], options: WriteOptions, io: CliIO): boolean {
  let failed = false;
  for (const t of targets) {
    const formatter = FORMATS[t.format];
    const color = t.format === 'text' && t.file === undefined && useColor(options.color, io.env, io.stdout.isTTY);
    const ctx = {
      color,
      rulesCount: options.rules.length,
      // Wrap only what a person reads on a terminal; files and pipes get one line per item.
      width: t.file === undefined && io.stdout.isTTY ? io.stdout.columns : undefined,
      rules: options.rules,
      details: options.details,
      onlyFlagged: options.onlyFlagged,
    };
    // Standard output, or a name for it (`-o /dev/stdout`): one writer, so `>&-` and `| head` are told apart alike.
    if (t.file === undefined || t.fd === 1) {
      const where = t.file === undefined ? 'standard output' : escapeControls(t.file);
      const out = new BlockWriter((block) => io.stdout.write(block));
      try {
        formatter.write(views.for(t.format), ctx, (chunk) => out.write(chunk));
        out.flush();
        if (t.file !== undefined) io.stderr.write(`dprk-check: ${t.format} report written to ${where}\n`);
      } catch (e) {
        if (!isWriteError(e)) throw e;
        if (e.code === 'EPIPE') continue;
        io.stderr.write(`dprk-check: cannot write the ${t.format} report to ${where}: ${writeErrorText(e)}\n`);
        failed = true;
      }
      continue;
    }
    let file: AtomicFile | undefined;
    try {
      file = new AtomicFile(resolve(io.cwd, t.file), t.closeFd ? t.fd : undefined);
      const f = file;
      formatter.write(views.for(t.format), ctx, (chunk) => f.write(chunk));
      file.commit();
      io.stderr.write(`dprk-check: ${t.format} report written to ${escapeControls(t.file)}\n`);
    } catch (e) {
      file?.abort();
      if (!isWriteError(e)) throw e;
      io.stderr.write(`dprk-check: cannot write the ${t.format} report to ${escapeControls(t.file)}: ${writeErrorText(e)}; nothing was written there\n`);
      failed = true;
    }
  }
  return failed;
}
