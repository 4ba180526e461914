import { resolve } from 'node:path';
import type { CliIO } from './io.js';
import { useColor } from './io.js';
import { EXIT } from './exit-codes.js';
import { anyRedacted, writeReports, ruleInfos, type OutputTarget } from './write-reports.js';
import { displayPath, loadRuleSet, BUILTIN_RULES_DIR } from '../ruleset/load.js';
import { activeRules } from '../evaluate/evaluate.js';
import { buildReport, exitCodeFor } from '../report/build.js';
import type { ApplicantList, LinkList, Report } from '../model/report.js';
import type { FailOn } from '../model/levels.js';
import type { InputFormat } from '../read/adapters/index.js';
import type { InputLimits } from '../read/input-limits.js';
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
import { inputFiles } from './input-files.js';
import { openHistory, historyLabel } from '../history/open-store.js';
import { HistoryError } from '../history/history-error.js';
import { HistorySession, onlyNew } from '../history/session.js';
import { cutoff, DEFAULT_RETENTION, parseRetention } from '../history/retention.js';
import type { InputFile } from '../model/history.js';
import { escapeControls } from '../formats/plain-text.js';
import { jobCount, jobsSetup } from './jobs-option.js';
import type { JobsSetup } from '../pipeline/jobs/pool.js';
import { plural } from '../util/plural.js';

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
  /** --history: an SQLite file or a postgres:// URL (or `history:` in the configuration). */
  history?: string;
  /** --retention: how long the history keeps runs (default 365d). */
  retention?: string;
  /** --new-only: outputs and exit code cover only applicants not yet reviewed. */
  newOnly?: boolean;
  /** --input-limit: per-record bounds replacing the defaults (read/input-limits.ts). */
  inputLimits?: Partial<InputLimits>;
  /** Text report: every applicant's block (--details), only those at or above --fail-on (--only-flagged). */
  details?: boolean;
  onlyFlagged?: boolean;
  /** --jobs: threads that check records (0 or absent: as many as pay off, see jobs-option.ts). */
  jobs?: number;
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
  // A masked report never carries link keys (redact-report.ts): asking for both is a contradiction,
  // refused before anything is read. A masked shard report is still a report, but merge cannot link
  // it to the other shards: said once, here, rather than discovered after the merge.
  if (opts.redact && opts.linkKeys) {
    io.stderr.write(
      'dprk-check: --link-keys and --redact cannot be combined: a masked report carries no link keys (they are unsalted hashes of phone numbers, e-mails and addresses, which can be guessed back). Write the report for merge without --redact (if .dprk-check.yaml sets redact: true, pass --no-redact) and mask the merged one: dprk-check merge --redact …\n',
    );
    return EXIT.ERROR;
  }
  // Only the JSON report carries link keys: asked for without one, the option would do nothing, and
  // a CI job expecting keys in its artifact would find out only at the merge. Refused, as with --redact.
  if (opts.linkKeys && !opts.outputs.some((t) => t.format === 'json')) {
    io.stderr.write(
      `dprk-check: --link-keys puts hashed link keys in the JSON report, but no JSON report is written (outputs: ${opts.outputs.map((t) => t.format).join(', ') || 'none'}). Add -f json:FILE (e.g. -f json:shard.json), or leave out --link-keys.\n`,
    );
    return EXIT.ERROR;
  }
  if (opts.redact && shard && opts.outputs.some((t) => t.format === 'json')) {
    io.stderr.write(
      'dprk-check: --shard with --redact: the masked JSON report carries no link keys, so merge cannot link its applicants to those of other shards. For a shard report to merge, leave out --redact and mask the merged report: dprk-check merge --redact …\n',
    );
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
      const what =
        e.diagnostics[0]?.code === 'allow-list-invalid'
          ? `the --allow-shared file could not be used (${e.message})`
          : `rules could not be loaded (${e.message})`;
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
  if (rules.length === 0) {
    // No rule to run (packs of lists only, every rule deprecated): every applicant would pass as
    // 'none' with exit 0, which a CI job would read as a clean export.
    const shownPaths = paths.map((p) => displayPath(p, io.cwd)).join(', ');
    const deprecated = tuned.rules.length - rules.length;
    printDiagnostics(
      io,
      [
        {
          code: 'rules-none-running',
          severity: 'error',
          message:
            ruleSet.rules.length === 0
              ? `no rules loaded from ${shownPaths}: the packs hold lists but no rule`
              : `none of the ${plural(ruleSet.rules.length, 'loaded rule')} would run (${deprecated} deprecated, ${ruleSet.rules.length - tuned.rules.length} disabled by the configuration)`,
          hint: 'add a pack with rules (--rules DIR; the built-in pack unless --no-builtin-rules), or enable a rule',
        },
      ],
      color,
    );
    io.stderr.write('dprk-check: no rule would run; nothing was checked.\n');
    return EXIT.ERROR;
  }
  const ip = openIpData(opts.ipData, io);
  if (!ip) return EXIT.ERROR;
  const historySpec = opts.history ?? opts.config?.history?.store;
  if (opts.newOnly && !historySpec) {
    io.stderr.write('dprk-check: --new-only needs a history (--history PATH, or history: in .dprk-check.yaml): reviews are kept there.\n');
    return EXIT.ERROR;
  }
  const retentionText = opts.retention ?? opts.config?.history?.retention ?? DEFAULT_RETENTION;
  const retentionDays = parseRetention(retentionText);
  if (retentionDays === undefined) {
    io.stderr.write(`dprk-check: --retention ${retentionText}: write a number of days, weeks, months or years, e.g. 365d, 52w, 12m, 1y\n`);
    return EXIT.ERROR;
  }
  const now = io.now?.() ?? new Date();
  let history: HistorySession | undefined;
  if (historySpec) {
    try {
      history = new HistorySession(await openHistory(historySpec, io.cwd), cutoff(now, retentionDays));
    } catch (e) {
      if (!(e instanceof HistoryError)) throw e;
      io.stderr.write(`dprk-check: ${e.message}; nothing was checked.\n`);
      return EXIT.ERROR;
    }
  }
  const threads = await jobCount(opts.jobs, files, io);
  const jobs = threads
    ? jobsSetup(
        threads,
        {
          cwd: io.cwd,
          ...(opts.config ? { configFile: opts.config.file } : {}),
          rulePaths: paths,
          ipData: (opts.ipData ?? []).map((f) => resolve(io.cwd, f)),
          ...(opts.allowShared ? { allowShared: resolve(io.cwd, opts.allowShared) } : {}),
          strict: opts.strict,
          expect: { rules: rules.length, version: tuned.version },
        },
        ip,
        io,
      )
    : undefined;
  try {
    return await checkWithHistory(files, opts, io, { ruleSet: tuned, rules, ip, shard, allow, color, now, history, historySpec, jobs });
  } catch (e) {
    if (!(e instanceof HistoryError)) throw e;
    io.stderr.write(`dprk-check: ${e.message}; the run was not recorded.\n`);
    return EXIT.ERROR;
  } finally {
    await history?.store.close();
  }
}

interface Prepared {
  ruleSet: ReturnType<typeof tuneRuleSet>;
  rules: ReturnType<typeof activeRules>;
  ip: NonNullable<ReturnType<typeof openIpData>>;
  shard?: ShardSpec;
  allow?: AllowList;
  color: boolean;
  now: Date;
  history?: HistorySession;
  historySpec?: string;
  jobs?: JobsSetup;
}

async function checkWithHistory(files: string[], opts: CheckOptions, io: CliIO, p: Prepared): Promise<number> {
  const { rules, ip, shard, allow, color, history } = p;
  const tuned = p.ruleSet;

  const progress = await startProgress(io, opts.progress, color);
  let batch;
  try {
    batch = await runBatch(
      files,
      rules,
      {
        cwd: io.cwd,
        stdin: io.stdin,
        inputFormat: opts.inputFormat,
        limits: opts.inputLimits,
        people: opts.people,
        salt: opts.salt,
        dobField: opts.dobField,
        shard,
        onSkip: (s) => io.stderr.write(`dprk-check: skipped ${escapeControls(s.path)}: ${escapeControls(s.reason)}\n`),
      },
      {
        strict: opts.strict,
        enrich: { ip },
        exceptions: tuned.exceptions,
        allow,
        failOn: opts.failOn,
        exportLinkKeys: opts.linkKeys || !!shard,
        // Only masking reads how a message was put together, now or in a later `merge --redact`
        // of a JSON report (which carries it); otherwise results need not keep it.
        keepMessageParts: anyRedacted(opts.outputs, opts.redact) || opts.outputs.some((t) => t.format === 'json'),
        signal: io.signal,
        ...(history ? { earlier: (current: Parameters<HistorySession['earlier']>[0]) => history.earlier(current) } : {}),
        onProgress: (p) => progress.update(p),
        ...(p.jobs ? { jobs: p.jobs } : {}),
        // The history annotates results in place and --new-only filters them: kept as objects.
        inMemory: !!history,
      },
    );
  } finally {
    progress.stop();
  }
  printDiagnostics(io, unusedExceptions(tuned.exceptions, batch.applicants), color);
  // Nothing to check is not a pass: an empty export must not turn a CI gate green.
  const nothing = batch.applicants.length + batch.errors.length === 0 && !batch.interrupted;
  if (nothing) {
    const skippedNote = batch.skipped.length ? ` (${plural(batch.skipped.length, 'file')} skipped as not applicant data)` : '';
    io.stderr.write(`dprk-check: no applicant records found in ${escapeControls(files.join(', '))}${skippedNote}.\n`);
  }
  // With a history the results are an array (inMemory above).
  const all = history ? Array.from(batch.applicants) : undefined;
  if (history) await history.annotate(all!);
  let shown: { applicants: ApplicantList; links: LinkList; left: number } = { applicants: batch.applicants, links: batch.links, left: 0 };
  if (opts.newOnly && history) shown = onlyNew(all!, batch.links);
  if (shown.left)
    io.stderr.write(`dprk-check: --new-only: ${shown.left} reviewed applicant${shown.left === 1 ? '' : 's'} whose findings have not changed left out\n`);
  const report: Report = {
    ...buildReport(shown.applicants, batch.errors, shown.links, {
      version: toolVersion(),
      rulesVersion: tuned.version,
      rulesCount: rules.length,
      failOn: opts.failOn,
      generatedAt: p.now.toISOString(),
      data: reportData(ip),
    }),
    ...(batch.sources ? { sources: batch.sources } : {}),
    ...(batch.skipped.length ? { skipped: batch.skipped } : {}),
    ...(batch.interrupted ? { interrupted: true } : {}),
    ...(shard ? { shard: { ...shard, otherShards: batch.otherShards } } : {}),
    ...(batch.linkKeys && (opts.linkKeys || shard) ? { linkKeys: batch.linkKeys } : {}),
  };
  // The HTML evidence pack and the history name the files a run rests on, by content hash.
  let inputs: InputFile[] = [];
  if (history || opts.outputs.some((t) => t.format === 'html')) {
    // Each file once, in order of first use: the errors may be millions, and on disk.
    const files = new Set(Array.from(batch.applicants, (a) => a.location.file));
    for (const e of batch.errors) files.add(e.location.file);
    inputs = inputFiles([...files], io.cwd);
    report.provenance = { inputs };
  }
  if (history) {
    report.provenance = { inputs, history: { store: historyLabel(p.historySpec!), earlierRuns: history.earlierRuns } };
    // An interrupted run covers part of the input: recording it would make the rest look unseen.
    if (!batch.interrupted) {
      // Every applicant is recorded, reviewed or not (--new-only only trims the outputs).
      const full = { ...report, applicants: batch.applicants };
      const runId = await history.record(full, batch.linkKeys ?? [], inputs);
      report.provenance.history!.runId = runId;
      await history.store.prune(history.since);
    }
  }
  let written: number;
  try {
    written = writeReports(
      report,
      opts.outputs,
      { redact: opts.redact, color: opts.color, rules: ruleInfos(rules), details: opts.details, onlyFlagged: opts.onlyFlagged },
      io,
    );
  } finally {
    batch.release();
  }
  if (batch.interrupted) {
    const s = report.summary;
    io.stderr.write(
      `dprk-check: interrupted after ${plural(s.total, 'record')} (${s.evaluated} checked, ${s.invalid} could not be checked); the report covers only these.\n`,
    );
    return EXIT.INTERRUPTED;
  }
  if (nothing) return EXIT.ERROR;
  return written === EXIT.OK ? exitCodeFor(report) : written;
}
