import { resolve } from 'node:path';
import type { CliIO } from './io.js';
import { useColor } from './io.js';
import { EXIT } from './exit-codes.js';
import { anyRedacted, writeReports, ruleInfos, type OutputTarget } from './write-reports.js';
import { loadRuleSet, BUILTIN_RULES_DIR } from '../ruleset/load.js';
import { activeRules } from '../evaluate/evaluate.js';
import { buildReport, exitCodeFor } from '../report/build.js';
import type { Report } from '../model/report.js';
import type { FailOn } from '../model/levels.js';
import type { InputFormat } from '../read/adapters/index.js';
import { toolVersion } from '../util/package-root.js';
import { printDiagnostics } from './print-diagnostics.js';
import { DiagnosticsError } from '../model/diagnostic.js';
import type { DprkConfig } from '../config/config.js';
import { tuneRuleSet } from '../config/tune-rules.js';
import { unusedExceptions } from '../evaluate/exceptions.js';
import { openIpData, reportData } from './ip-data-option.js';
import { runBatch } from '../pipeline/run-batch.js';
import { parseShard, type ShardSpec } from '../pipeline/shard.js';
import { loadAllowList, type AllowList } from '../correlate/allow-list.js';
import { startProgress } from './progress.js';

export interface CheckOptions {
  /** Where each report goes (planOutputs in write-reports.ts). */
  outputs: OutputTarget[];
  /** --redact / --no-redact; undefined: each format's default. */
  redact?: boolean;
  failOn: FailOn;
  rules?: string[];
  builtinRules: boolean;
  strict: boolean;
  color?: boolean;
  /** The .dprk-check.yaml in effect (its rule packs are already in `rules`). */
  config?: DprkConfig;
  /** --ip-data: user-supplied .mmdb files replacing the bundled IP data. */
  ipData?: string[];
  /** applicant (the model), greenhouse, lever, or auto (per record). */
  inputFormat?: InputFormat;
  /** --people crosswalk, --hash-salt, --greenhouse-dob-field (docs/sources.md). */
  people?: string;
  salt?: string;
  dobField?: string;
  /** `i/n`: check only this shard of the records. */
  shard?: string;
  /** File of values applicants may share (an agency's address/phone/network). */
  allowShared?: string;
  /** Carry hashed link keys in the report so `merge` can link across shards (implied by --shard). */
  linkKeys?: boolean;
  /** false = never show the spinner. */
  progress?: boolean;
}

/** The default command: rules → records (streamed) → links → report(s) → exit code. */
export async function runCheck(files: string[], opts: CheckOptions, io: CliIO): Promise<number> {
  const color = useColor(opts.color, io.env, io.stderr.isTTY);
  if (files.length === 0) {
    io.stderr.write('dprk-check: no input. Name applicant files or directories, or - to read from standard input.\nTry: dprk-check --help\n');
    return EXIT.ERROR;
  }
  let shard: ShardSpec | undefined;
  if (opts.shard !== undefined) {
    const parsed = parseShard(opts.shard);
    if (typeof parsed === 'string') {
      io.stderr.write(`dprk-check: ${parsed}\n`);
      return EXIT.ERROR;
    }
    shard = parsed;
  }
  const paths = [...(opts.builtinRules ? [BUILTIN_RULES_DIR] : []), ...(opts.rules ?? []).map((p) => resolve(io.cwd, p))];
  if (paths.length === 0) {
    io.stderr.write('dprk-check: --no-builtin-rules without --rules leaves nothing to check with.\n');
    return EXIT.ERROR;
  }
  let ruleSet;
  let allow: AllowList | undefined;
  try {
    ruleSet = loadRuleSet({ paths, cwd: io.cwd, listAdditions: opts.config?.lists, lintCases: false });
    if (opts.allowShared) allow = loadAllowList(resolve(io.cwd, opts.allowShared), opts.allowShared);
  } catch (e) {
    if (e instanceof DiagnosticsError) {
      printDiagnostics(io, e.diagnostics, color);
      const what = e.diagnostics[0]?.code === 'allow-list-invalid' ? `the --allow-shared file could not be used (${e.message})` : `rules could not be loaded (${e.message})`;
      io.stderr.write(`dprk-check: ${what}; nothing was checked.\n`);
      return EXIT.ERROR;
    }
    throw e;
  }
  if (ruleSet.warnings.length) printDiagnostics(io, ruleSet.warnings, color);
  const tuned = tuneRuleSet(ruleSet, opts.config);
  if (tuned.diagnostics.length) printDiagnostics(io, tuned.diagnostics, color);
  if (tuned.diagnostics.some((d) => d.severity === 'error')) {
    io.stderr.write(`dprk-check: the configuration ${opts.config?.shown ?? ''} could not be applied; nothing was checked.\n`);
    return EXIT.ERROR;
  }
  const rules = activeRules(tuned.rules);
  const ip = openIpData(opts.ipData, io);
  if (!ip) return EXIT.ERROR;

  const progress = await startProgress(io, opts.progress);
  let batch;
  try {
    batch = await runBatch(
      files,
      rules,
      { cwd: io.cwd, stdin: io.stdin, inputFormat: opts.inputFormat, people: opts.people, salt: opts.salt, dobField: opts.dobField, shard, onSkip: (s) => io.stderr.write(`dprk-check: skipped ${s.path}: ${s.reason}\n`) },
      {
        strict: opts.strict,
        enrich: { ip },
        exceptions: tuned.exceptions,
        allow,
        failOn: opts.failOn,
        exportLinkKeys: opts.linkKeys || !!shard,
        // Only masking reads how a message was put together; otherwise results need not keep it.
        keepMessageParts: anyRedacted(opts.outputs, opts.redact),
        signal: io.signal,
        onProgress: (p) => progress.update(p),
      },
    );
  } finally {
    progress.stop();
  }
  printDiagnostics(io, unusedExceptions(tuned.exceptions, batch.applicants), color);
  // Nothing to check is not a pass: an empty export must not turn a CI gate green.
  const nothing = batch.applicants.length + batch.errors.length === 0 && !batch.interrupted;
  if (nothing) {
    const skippedNote = batch.skipped.length ? ` (${batch.skipped.length} file${batch.skipped.length === 1 ? '' : 's'} skipped as not applicant data)` : '';
    io.stderr.write(`dprk-check: no applicant records found in ${files.join(', ')}${skippedNote}.\n`);
  }
  const report: Report = {
    ...buildReport(batch.applicants, batch.errors, batch.links, {
      version: toolVersion(),
      rulesVersion: tuned.version,
      rulesCount: rules.length,
      failOn: opts.failOn,
      generatedAt: (io.now?.() ?? new Date()).toISOString(),
      data: reportData(ip),
    }),
    ...(batch.sources ? { sources: batch.sources } : {}),
    ...(batch.skipped.length ? { skipped: batch.skipped } : {}),
    ...(batch.interrupted ? { interrupted: true } : {}),
    ...(shard ? { shard: { ...shard, otherShards: batch.otherShards } } : {}),
    ...(batch.linkKeys ? { linkKeys: batch.linkKeys } : {}),
  };
  const written = writeReports(report, opts.outputs, { redact: opts.redact, color: opts.color, rules: ruleInfos(rules) }, io);
  if (batch.interrupted) {
    const s = report.summary;
    io.stderr.write(`dprk-check: interrupted after ${s.total} record${s.total === 1 ? '' : 's'} (${s.evaluated} checked, ${s.invalid} could not be checked); the report covers only these.\n`);
    return EXIT.INTERRUPTED;
  }
  if (nothing) return EXIT.ERROR;
  return written === EXIT.OK ? exitCodeFor(report) : written;
}
