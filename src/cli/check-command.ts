import { resolve } from 'node:path';
import type { CliIO } from './io.js';
import { useColor } from './io.js';
import { EXIT } from './exit-codes.js';
import { writeFileAtomic } from './write-output.js';
import { loadRuleSet, BUILTIN_RULES_DIR } from '../ruleset/load.js';
import { activeRules } from '../evaluate/evaluate.js';
import { buildReport, exitCodeFor } from '../report/build.js';
import { FORMATS, type FormatName } from '../formats/index.js';
import type { Report } from '../model/report.js';
import type { FailOn } from '../model/levels.js';
import type { EnrichContext } from '../enrich/enricher.js';
import type { InputFormat } from '../read/adapters/index.js';
import { toolVersion } from '../util/package-root.js';
import { printDiagnostics } from './print-diagnostics.js';
import { DiagnosticsError } from '../model/diagnostic.js';
import { runBatch } from '../pipeline/run-batch.js';
import { parseShard, type ShardSpec } from '../pipeline/shard.js';
import { loadAllowList, type AllowList } from '../correlate/allow-list.js';
import { startProgress } from './progress.js';

export interface CheckOptions {
  format: FormatName;
  output?: string;
  failOn: FailOn;
  rules?: string[];
  builtinRules: boolean;
  strict: boolean;
  color?: boolean;
  /** applicant (the model), greenhouse, lever, or auto (per record). */
  inputFormat?: InputFormat;
  /** `i/n`: check only this shard of the records. */
  shard?: string;
  /** File of values applicants may share (an agency's address/phone/network). */
  allowShared?: string;
  /** Carry hashed link keys in the report so `merge` can link across shards (implied by --shard). */
  linkKeys?: boolean;
  /** false = never show the spinner. */
  progress?: boolean;
}

export async function runCheck(files: string[], opts: CheckOptions, io: CliIO): Promise<number> {
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
    ruleSet = loadRuleSet({ paths, cwd: io.cwd });
    if (opts.allowShared) allow = loadAllowList(resolve(io.cwd, opts.allowShared), opts.allowShared);
  } catch (e) {
    if (e instanceof DiagnosticsError) {
      printDiagnostics(io, e.diagnostics, useColor(opts.color, io.env, io.stderr.isTTY));
      const what = e.diagnostics[0]?.code === 'allow-list-invalid' ? `the --allow-shared file could not be used (${e.message})` : `rules could not be loaded (${e.message})`;
      io.stderr.write(`dprk-check: ${what}; nothing was checked.\n`);
      return EXIT.ERROR;
    }
    throw e;
  }
  if (ruleSet.warnings.length) printDiagnostics(io, ruleSet.warnings, useColor(opts.color, io.env, io.stderr.isTTY));
  const rules = activeRules(ruleSet.rules);
  // Offline IP intelligence plugs in here.
  const enrich: EnrichContext = {};
  const progress = startProgress(io, opts.progress);
  let batch;
  try {
    batch = await runBatch(
      files,
      rules,
      { cwd: io.cwd, stdin: io.stdin, inputFormat: opts.inputFormat, shard, onSkip: (s) => io.stderr.write(`dprk-check: skipped ${s.path}: ${s.reason}\n`) },
      { strict: opts.strict, enrich, allow, failOn: opts.failOn, exportLinkKeys: opts.linkKeys || !!shard, signal: io.signal, onProgress: (p) => progress.update(p) },
    );
  } finally {
    progress.stop();
  }
  const report: Report = {
    ...buildReport(batch.applicants, batch.errors, batch.links, {
      version: toolVersion(),
      rulesVersion: ruleSet.version,
      rulesCount: rules.length,
      failOn: opts.failOn,
      generatedAt: (io.now?.() ?? new Date()).toISOString(),
    }),
    ...(batch.skipped.length ? { skipped: batch.skipped } : {}),
    ...(batch.interrupted ? { interrupted: true } : {}),
    ...(shard ? { shard: { ...shard, otherShards: batch.otherShards } } : {}),
    ...(batch.linkKeys ? { linkKeys: batch.linkKeys } : {}),
  };
  writeReport(report, opts, io, rules.length);
  if (batch.errors.length && opts.format !== 'text') {
    for (const e of batch.errors) io.stderr.write(`dprk-check: ${e.source}: ${e.message}\n`);
  }
  if (batch.interrupted) {
    const s = report.summary;
    io.stderr.write(`dprk-check: interrupted after ${s.total} record${s.total === 1 ? '' : 's'} (${s.evaluated} checked, ${s.invalid} could not be checked); the report covers only these.\n`);
    return EXIT.INTERRUPTED;
  }
  return exitCodeFor(report);
}

/** Render with the chosen formatter to stdout, or atomically to -o FILE. */
export function writeReport(report: Report, opts: { format: FormatName; output?: string; color?: boolean }, io: CliIO, rulesCount: number): void {
  const toFile = opts.output !== undefined;
  const color = opts.format === 'text' && !toFile && useColor(opts.color, io.env, io.stdout.isTTY);
  const text = FORMATS[opts.format].format(report, { color, rulesCount, width: io.stdout.columns });
  if (toFile) {
    writeFileAtomic(resolve(io.cwd, opts.output!), text);
    io.stderr.write(`dprk-check: report written to ${opts.output}\n`);
  } else io.stdout.write(text);
}
