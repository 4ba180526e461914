import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import type { CliIO } from './io.js';
import { useColor } from './io.js';
import { EXIT } from './exit-codes.js';
import { writeFileAtomic } from './write-output.js';
import { FORMAT_NAMES, FORMATS, isFormatName, type FormatName } from '../formats/index.js';
import type { RuleInfo } from '../formats/format.js';
import type { Report } from '../model/report.js';
import type { CompiledRule } from '../model/rule.js';
import { redactReport } from '../redact/redact-report.js';

/** One report to produce: a format, and a file (undefined = standard output). */
export interface OutputTarget {
  format: FormatName;
  file?: string;
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
    if (file !== undefined && file.trim() === '') return { ok: false, message: `--format ${name}: no file after ':' (write ${name}:FILE, or just ${name} for standard output)` };
    targets.push({ format: name, ...(file !== undefined && file !== '-' ? { file } : {}) });
  }
  if (output !== undefined) {
    const open = targets.filter((t) => t.file === undefined);
    if (open.length === 0) return { ok: false, message: '-o FILE names the file of the one format without a file, but every --format already names its file' };
    if (open.length > 1) {
      return { ok: false, message: `-o FILE takes one format, but ${open.map((t) => t.format).join(', ')} have no file: give each its own with NAME:FILE (e.g. -f sarif:report.sarif)` };
    }
    open[0]!.file = output;
  }
  const toStdout = targets.filter((t) => t.file === undefined);
  if (toStdout.length > 1) {
    return { ok: false, message: `only one format can go to standard output, but ${toStdout.map((t) => t.format).join(', ')} would: give the others a file with NAME:FILE (e.g. -f junit:junit.xml)` };
  }
  const seen = new Map<string, FormatName>();
  for (const t of targets) {
    if (t.file === undefined) continue;
    const key = resolve(t.file);
    // Found before the run, not after a million records were checked.
    if (statSync(key, { throwIfNoEntry: false })?.isDirectory()) return { ok: false, message: `--format ${t.format}: ${t.file} is a directory; name a file (e.g. ${t.file.replace(/\/+$/, '')}/report.${t.format})` };
    const prev = seen.get(key);
    if (prev) return { ok: false, message: `${prev} and ${t.format} would both be written to ${t.file}` };
    seen.set(key, t.format);
  }
  return { ok: true, targets };
}

export function ruleInfos(rules: CompiledRule[]): RuleInfo[] {
  return rules.map(({ spec }) => ({
    id: spec.id, title: spec.title, description: spec.description, family: spec.family, severity: spec.severity,
    references: spec.references, falsepositives: spec.falsepositives, next: spec.next, tags: spec.tags,
  }));
}

export interface WriteOptions {
  /** --redact / --no-redact; undefined leaves each format its default. */
  redact?: boolean;
  color?: boolean;
  rules: RuleInfo[];
}

/** Whether any output will be masked (--redact, or a format that masks by default). */
export function anyRedacted(targets: OutputTarget[], redact: boolean | undefined): boolean {
  return targets.some((t) => redact ?? FORMATS[t.format].redactByDefault);
}

/**
 * Render the report in every requested format and write each one (files atomically). Returns
 * EXIT.ERROR if a file could not be written, else OK; the caller combines it with the report's own code.
 */
export function writeReports(report: Report, targets: OutputTarget[], options: WriteOptions, io: CliIO): number {
  let redacted: Report | undefined;
  const redactedReport = () => (redacted ??= redactReport(report));
  const redactFor = (t: OutputTarget) => options.redact ?? FORMATS[t.format].redactByDefault;
  let failed = false;
  for (const t of targets) {
    const formatter = FORMATS[t.format];
    const color = t.format === 'text' && t.file === undefined && useColor(options.color, io.env, io.stdout.isTTY);
    const text = formatter.format(redactFor(t) ? redactedReport() : report, {
      color,
      rulesCount: options.rules.length,
      // Wrap only what a person reads on a terminal; files and pipes get one line per item.
      width: t.file === undefined && io.stdout.isTTY ? io.stdout.columns : undefined,
      rules: options.rules,
    });
    if (t.file === undefined) {
      io.stdout.write(text);
      continue;
    }
    try {
      writeFileAtomic(resolve(io.cwd, t.file), text);
      io.stderr.write(`dprk-check: ${t.format} report written to ${t.file}\n`);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      io.stderr.write(`dprk-check: cannot write the ${t.format} report to ${t.file}: ${err.code ?? err.message}\n`);
      failed = true;
    }
  }
  // Records that could not be checked must show somewhere a person looks; the text report on
  // stdout lists them itself. Masked if any output is, since stderr lands in the same CI log.
  const textOnStdout = targets.some((t) => t.format === 'text' && t.file === undefined);
  if (report.errors.length && !textOnStdout) {
    const shown = anyRedacted(targets, options.redact) ? redactedReport() : report;
    // A few lines tell a CI log what went wrong; the report itself lists every record.
    const MAX_ECHO = 20;
    for (const e of shown.errors.slice(0, MAX_ECHO)) io.stderr.write(`dprk-check: ${e.source}: ${e.message}\n`);
    if (shown.errors.length > MAX_ECHO) io.stderr.write(`dprk-check: … and ${shown.errors.length - MAX_ECHO} more records that could not be checked (all are in the report)\n`);
  }
  return failed ? EXIT.ERROR : EXIT.OK;
}
