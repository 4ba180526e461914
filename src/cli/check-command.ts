import { resolve } from 'node:path';
import type { CliIO } from './io.js';
import { useColor } from './io.js';
import { EXIT } from './exit-codes.js';
import { writeReports, ruleInfos, type OutputTarget } from './write-reports.js';
import { loadRuleSet, BUILTIN_RULES_DIR } from '../ruleset/load.js';
import { activeRules } from '../evaluate/evaluate.js';
import { readInputs } from '../read/read-inputs.js';
import { checkRecord } from '../pipeline/check-record.js';
import { buildReport, exitCodeFor } from '../report/build.js';
import type { ApplicantResult, RunError } from '../model/report.js';
import type { FailOn } from '../model/levels.js';
import { toolVersion } from '../util/package-root.js';
import { printDiagnostics } from './print-diagnostics.js';
import { DiagnosticsError } from '../model/diagnostic.js';
import type { DprkConfig } from '../config/config.js';
import { tuneRuleSet } from '../config/tune-rules.js';
import { unusedExceptions } from '../evaluate/exceptions.js';
import { openIpData, reportData } from './ip-data-option.js';

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
}

export async function runCheck(files: string[], opts: CheckOptions, io: CliIO): Promise<number> {
  if (files.length === 0) {
    io.stderr.write('dprk-check: no input. Name applicant JSON files, or - to read one from standard input.\nTry: dprk-check --help\n');
    return EXIT.ERROR;
  }
  const paths = [...(opts.builtinRules ? [BUILTIN_RULES_DIR] : []), ...(opts.rules ?? []).map((p) => resolve(io.cwd, p))];
  if (paths.length === 0) {
    io.stderr.write('dprk-check: --no-builtin-rules without --rules leaves nothing to check with.\n');
    return EXIT.ERROR;
  }
  let ruleSet;
  try {
    ruleSet = loadRuleSet({ paths, cwd: io.cwd, listAdditions: opts.config?.lists });
  } catch (e) {
    if (e instanceof DiagnosticsError) {
      printDiagnostics(io, e.diagnostics, useColor(opts.color, io.env, io.stderr.isTTY));
      io.stderr.write(`dprk-check: rules could not be loaded (${e.message}); nothing was checked.\n`);
      return EXIT.ERROR;
    }
    throw e;
  }
  if (ruleSet.warnings.length) printDiagnostics(io, ruleSet.warnings, useColor(opts.color, io.env, io.stderr.isTTY));
  const tuned = tuneRuleSet(ruleSet, opts.config);
  if (tuned.diagnostics.length) printDiagnostics(io, tuned.diagnostics, useColor(opts.color, io.env, io.stderr.isTTY));
  if (tuned.diagnostics.some((d) => d.severity === 'error')) {
    io.stderr.write(`dprk-check: the configuration ${opts.config?.shown ?? ''} could not be applied; nothing was checked.\n`);
    return EXIT.ERROR;
  }
  const rules = activeRules(tuned.rules);
  const ip = openIpData(opts.ipData, io);
  if (!ip) return EXIT.ERROR;
  const records = await readInputs(files.map((f) => (f === '-' ? f : resolve(io.cwd, f))), { stdin: io.stdin });
  const applicants: ApplicantResult[] = [];
  const errors: RunError[] = [];
  for (const record of records) {
    const shown = { ...record, source: displayPath(record.source, io.cwd), file: displayPath(record.file, io.cwd) };
    const outcome = checkRecord(shown, rules, { strict: opts.strict, enrich: { ip }, exceptions: tuned.exceptions });
    if (outcome.ok) applicants.push(outcome.result);
    else errors.push(outcome.error);
  }
  printDiagnostics(io, unusedExceptions(tuned.exceptions, applicants), useColor(opts.color, io.env, io.stderr.isTTY));
  const report = buildReport(applicants, errors, [], {
    version: toolVersion(),
    rulesVersion: tuned.version,
    rulesCount: rules.length,
    failOn: opts.failOn,
    generatedAt: (io.now?.() ?? new Date()).toISOString(),
    data: reportData(ip),
  });
  const written = writeReports(report, opts.outputs, { redact: opts.redact, color: opts.color, rules: ruleInfos(rules) }, io);
  return written === EXIT.OK ? exitCodeFor(report) : written;
}

function displayPath(p: string, cwd: string): string {
  if (p === '<stdin>' || !p.startsWith('/')) return p;
  return p.startsWith(`${cwd}/`) ? p.slice(cwd.length + 1) : p;
}
