import { resolve } from 'node:path';
import type { CliIO } from './io.js';
import { useColor } from './io.js';
import { EXIT } from './exit-codes.js';
import { writeFileAtomic } from './write-output.js';
import { loadRuleSet, BUILTIN_RULES_DIR } from '../ruleset/load.js';
import { activeRules } from '../evaluate/evaluate.js';
import { readInputs } from '../read/read-inputs.js';
import { checkRecord } from '../pipeline/check-record.js';
import { buildReport, exitCodeFor } from '../report/build.js';
import { FORMATS, type FormatName } from '../formats/index.js';
import type { ApplicantResult, RunError } from '../model/report.js';
import type { FailOn } from '../model/levels.js';
import { toolVersion } from '../util/package-root.js';
import { printDiagnostics } from './print-diagnostics.js';
import { DiagnosticsError } from '../model/diagnostic.js';
import { openIpData, reportData } from './ip-data-option.js';

export interface CheckOptions {
  format: FormatName;
  output?: string;
  failOn: FailOn;
  rules?: string[];
  builtinRules: boolean;
  strict: boolean;
  color?: boolean;
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
    ruleSet = loadRuleSet({ paths, cwd: io.cwd });
  } catch (e) {
    if (e instanceof DiagnosticsError) {
      printDiagnostics(io, e.diagnostics, useColor(opts.color, io.env, io.stderr.isTTY));
      io.stderr.write(`dprk-check: rules could not be loaded (${e.message}); nothing was checked.\n`);
      return EXIT.ERROR;
    }
    throw e;
  }
  if (ruleSet.warnings.length) printDiagnostics(io, ruleSet.warnings, useColor(opts.color, io.env, io.stderr.isTTY));
  const rules = activeRules(ruleSet.rules);
  const ip = openIpData(opts.ipData, io);
  if (!ip) return EXIT.ERROR;
  const records = await readInputs(files.map((f) => (f === '-' ? f : resolve(io.cwd, f))), { stdin: io.stdin });
  const applicants: ApplicantResult[] = [];
  const errors: RunError[] = [];
  for (const record of records) {
    const shown = { ...record, source: displayPath(record.source, io.cwd), file: displayPath(record.file, io.cwd) };
    const outcome = checkRecord(shown, rules, { strict: opts.strict, enrich: { ip } });
    if (outcome.ok) applicants.push(outcome.result);
    else errors.push(outcome.error);
  }
  const report = buildReport(applicants, errors, [], {
    version: toolVersion(),
    rulesVersion: ruleSet.version,
    rulesCount: rules.length,
    failOn: opts.failOn,
    generatedAt: (io.now?.() ?? new Date()).toISOString(),
    data: reportData(ip),
  });
  const toFile = opts.output !== undefined;
  const color = opts.format === 'text' && !toFile && useColor(opts.color, io.env, io.stdout.isTTY);
  const text = FORMATS[opts.format].format(report, { color, rulesCount: rules.length, width: io.stdout.columns });
  if (toFile) {
    writeFileAtomic(resolve(io.cwd, opts.output!), text);
    io.stderr.write(`dprk-check: report written to ${opts.output}\n`);
  } else io.stdout.write(text);
  if (errors.length && opts.format !== 'text') {
    for (const e of errors) io.stderr.write(`dprk-check: ${e.source}: ${e.message}\n`);
  }
  return exitCodeFor(report);
}

function displayPath(p: string, cwd: string): string {
  if (p === '<stdin>' || !p.startsWith('/')) return p;
  return p.startsWith(`${cwd}/`) ? p.slice(cwd.length + 1) : p;
}
