import { parseLimit, type InputLimits } from '../read/input-limits.js';
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIO } from './io.js';
import { EXIT } from './exit-codes.js';
import { runCheck } from './check-command.js';
import { runMerge } from './merge-command.js';
import { ALL_FORMATS } from '../read/adapters/registry.js';
import { addInitCommand } from './init-command.js';
import { FORMAT_NAMES, FORMATS } from '../formats/index.js';
import { planOutputs } from './write-reports.js';
import { prepareOutputs } from './output-preflight.js';
import { writeErrorText } from './write-output.js';
import { SpillError } from '../util/spill-file.js';
import { escapeControls } from '../formats/plain-text.js';
import { FAIL_ON } from '../model/levels.js';
import { versionText } from './version-text.js';
import { stdoutFailure } from './stdout.js';
import { IpDataError } from '../intel/ip-data-error.js';
import { addWatchlistCommand } from './watchlist-command.js';
import { readSchema } from '../validate/ajv.js';
import { derivedSchema } from '../enrich/index.js';
import { configHook, type ConfigState } from './config-hook.js';
import { addRulesCommand } from './rules/command.js';
import { addHistoryCommand } from './history-command.js';
import { addReviewCommand } from './review-command.js';
import { completionScript, SHELLS, type Shell } from './completion.js';
import { parseJobs } from './jobs-option.js';

/**
 * Words that are (or may become) commands. A bare one that is not a file is a mistyped command, not
 * a missing input; a file with such a name is read as ./help, ./init … (docs: README, Commands).
 */
const COMMAND_WORDS = ['help', 'init', 'completion'];

const EXAMPLES = `
Examples:
  $ dprk-check applicant.json                    readable report for one applicant
  $ dprk-check --format json applicant.json      the JSON report contract, for tools
  $ cat applicant.json | dprk-check -            read from standard input
  $ dprk-check --fail-on medium a.json b.json    exit 1 if anyone is medium or above
  $ dprk-check -f text -f sarif:out.sarif -f junit:junit.xml export.json
                                                 several reports in one run (sarif, junit and
                                                 github mask personal data unless --no-redact)
  $ dprk-check exports/                          every .json/.ndjson/.jsonl file under a directory
  $ dprk-check --input-format greenhouse gh.json  a Greenhouse Harvest candidate export
  $ dprk-check gh.json okta.json onfido.json adp.json --people people.csv
                                                 join the systems' exports into one applicant per
                                                 person (docs/sources.md); okta:FILE names a format
  $ dprk-check init --csv > applicants.csv       a spreadsheet template to fill in
  $ dprk-check --shard 2/4 -f json -o r2.json x.ndjson    one of four CI jobs (docs/ci.md)
  $ dprk-check merge r1.json r2.json r3.json r4.json      combine shard reports, links across all
  $ dprk-check schema                            print the applicant JSON Schema
  $ dprk-check rules list                        the rules, their severity and status
  $ dprk-check rules test ./our-rules            run a rule pack's embedded cases
  $ dprk-check --history hr.db -f html:report.html export.json
                                                 remember this run, link to earlier ones, write an evidence pack
  $ dprk-check review cand-812 --status cleared --note "ID verified in person" --history hr.db
  $ dprk-check history --history hr.db           list the runs the history holds
  $ dprk-check --print-config                    the configuration in effect (.dprk-check.yaml)
  $ dprk-check help merge                        help for one command (a file named help: ./help)
  $ eval "$(dprk-check completion bash)"         tab completion (bash, zsh or fish)

Exit codes:
  0  no applicant at or above --fail-on (default: high)
  1  at least one applicant at or above --fail-on
  2  something could not be checked: bad arguments, unreadable rules, or an invalid record
  130  stopped by Ctrl-C (143: by SIGTERM, 129: by SIGHUP); the report written covers the records read until then

The report lists signals for a person to verify, never a verdict. Nothing leaves this machine.`;

function formatsHelp(): string {
  const width = Math.max(...FORMAT_NAMES.map((n) => n.length));
  const lines = FORMAT_NAMES.map((n) => `  ${n.padEnd(width)}  ${FORMATS[n].description}${FORMATS[n].redactByDefault ? ' *' : ''}`);
  return `\nFormats:\n${lines.join('\n')}\n  * personal data masked unless --no-redact: this output usually lands in shared CI logs\n`;
}

function jobsArg(v: string): number {
  const parsed = parseJobs(v);
  if (typeof parsed === 'string') throw new InvalidArgumentError(parsed);
  return parsed;
}

function collectLimit(v: string, acc: Partial<InputLimits>): Partial<InputLimits> {
  const parsed = parseLimit(v);
  if (typeof parsed === 'string') throw new InvalidArgumentError(parsed);
  return { ...acc, [parsed.key]: parsed.value };
}

/** Build the commander program; actions store their exit code in `result`. */
export function buildProgram(io: CliIO, result: { code: number }): Command {
  const program = new Command('dprk-check');
  // Root options stop at a subcommand's name, so `rules list --format json` is the subcommand's.
  program.enablePositionalOptions();
  const configState: ConfigState = {};
  program.hook('preAction', configHook(io, configState));
  program
    .description("Screen job applicants for the red flags of North Korea's remote IT-worker scheme: inconsistencies and concrete links, never origin.")
    .version(versionText(), '-V, --version', 'print the version and the date and licence of the bundled IP data')
    .argument(
      '[inputs...]',
      "applicant files, directories or globs: JSON (an object or an array of them) or NDJSON (.ndjson/.jsonl, one per line, streamed); '-' reads standard input",
    )
    .addOption(
      new Option(
        '-f, --format <name[:file]>',
        `report format (${FORMAT_NAMES.join(', ')}; see Formats below), repeatable; NAME:FILE writes it to a file, at most one goes to standard output (default: text)`,
      ).argParser((v: string, acc: string[] | undefined) => [...(acc ?? []), v]),
    )
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of standard output; with several formats, the one given without :FILE')
    .option('--redact', 'mask personal data (names, e-mails, phones, addresses, account data, wallets, IPs) in every format; ids and rule ids stay')
    .option('--no-redact', 'keep personal data even in sarif, junit and github output (which mask it by default: it lands in shared CI logs)')
    .addOption(new Option('--fail-on <level>', 'lowest level that makes the run exit 1').choices([...FAIL_ON]).default('high'))
    .option('--rules <path>', 'add a rule pack (directory or file); repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--no-builtin-rules', 'do not load the built-in rules (use only --rules)')
    .option('--no-strict', 'treat unknown fields in applicant records as warnings, not errors')
    .option('--config <file>', 'read this configuration file instead of .dprk-check.yaml in the working directory')
    .option('--no-config', 'do not read a configuration file')
    .option('--print-config', 'print the configuration in effect (after .dprk-check.yaml and flags) and exit')
    .option(
      '--ip-data <file>',
      'a newer IP → country and/or ASN database (.mmdb) to use instead of the bundled one; repeatable',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .addOption(
      new Option(
        '--input-format <name>',
        'default record layout of every input: the applicant model, an ATS export, a source system (okta, entra, zoom, …; docs/sources.md), or auto (detected from each file); FORMAT:PATH sets it for one input',
      )
        .choices(['auto', ...ALL_FORMATS])
        .default('auto'),
    )
    .option('--people <file>', 'crosswalk CSV "id,alias": which applicant each identifier in the sources (work e-mail, IdP id, payroll id, device) belongs to')
    .option('--hash-salt <text>', 'salt for the hashes of device ids, document numbers and bank accounts read from sources (default: $DPRK_CHECK_HASH_SALT)')
    .option('--greenhouse-dob-field <key>', 'Greenhouse custom-field key that holds the date of birth (default date_of_birth)')
    .option(
      '--allow-shared <file>',
      "values applicants may share without being linked (a staffing agency's address, phone, network): YAML or JSON, see docs/linkage.md",
    )
    .option('--shard <i/n>', 'check only shard i of n (a stable split by record source, for CI matrices; see docs/ci.md)')
    .option(
      '--link-keys',
      'put hashed link keys in the JSON report so `dprk-check merge` can link across reports (implied by --shard; not with --redact: a masked report carries none)',
    )
    .option(
      '--history <path|url>',
      'remember runs in this history (an SQLite file, created if missing, or postgres://…): links new applicants to earlier ones and shows review decisions; stores hashes, never personal data',
    )
    .option('--retention <age>', 'how long the history keeps runs and reviews, e.g. 365d, 52w, 12m (default: 365d); older ones are deleted at each run')
    .option('--new-only', 'with a history: outputs and exit code cover only applicants not yet reviewed, or whose findings changed since')
    .option('--details', 'text: the full block (findings, evidence, what to verify) for every applicant, worst first, instead of a table')
    .option('--only-flagged', 'text: leave out applicants below --fail-on (they are still counted)')
    .option(
      '--jobs <n>',
      'check records in N threads (this one and N - 1 worker threads; 1 = this thread only); default 0 = one per core for inputs of 100 MB or more, else 1',
      jobsArg,
    )
    .option('--no-progress', 'never show the progress spinner (it only appears on a terminal, never in CI)')
    .option(
      '--input-limit <name=n>',
      'raise or lower one per-record input limit (record-bytes, depth, keys, items, string; README "The input"); repeatable',
      collectLimit,
      {} as Partial<InputLimits>,
    )
    .option('--color', 'force colour')
    .option('--no-color', 'no colour (NO_COLOR is honoured too)')
    .addHelpText('after', `${formatsHelp()}${EXAMPLES}`)
    .showHelpAfterError('(run dprk-check --help for usage)')
    .action(async (files: string[], opts) => {
      const word = files.find((f) => COMMAND_WORDS.includes(f) && !existsSync(resolve(io.cwd, f)));
      if (word !== undefined) {
        io.stderr.write(
          `dprk-check: '${word}' is not a command here and no file has that name (dprk-check help lists the commands; a file called ${word} is read as ./${word})\n`,
        );
        result.code = EXIT.ERROR;
        return;
      }
      const plan = planOutputs(opts.format ?? [], opts.output);
      // Every file the run reads, so that no report is written over one of them.
      const history = opts.history ?? configState.config?.history?.store;
      const reads = [
        ...files,
        ...(opts.rules ?? []),
        ...(opts.ipData ?? []),
        ...[opts.people, opts.allowShared, configState.config?.file].filter((f): f is string => f !== undefined),
        ...(history !== undefined && !/^postgres(ql)?:/i.test(history) ? [history] : []),
      ];
      const problem = plan.ok ? prepareOutputs(plan.targets, reads, io) : plan.message;
      if (!plan.ok || problem) {
        io.stderr.write(`dprk-check: ${problem}\n`);
        result.code = EXIT.ERROR;
        return;
      }
      result.code = await runCheck(
        files,
        {
          outputs: plan.targets,
          redact: opts.redact,
          failOn: opts.failOn,
          rules: opts.rules,
          builtinRules: opts.builtinRules,
          strict: opts.strict,
          color: opts.color,
          config: configState.config,
          ipData: opts.ipData,
          inputFormat: opts.inputFormat,
          people: opts.people,
          salt: opts.hashSalt ?? io.env.DPRK_CHECK_HASH_SALT,
          dobField: opts.greenhouseDobField,
          shard: opts.shard,
          allowShared: opts.allowShared,
          linkKeys: opts.linkKeys,
          progress: opts.progress,
          history: opts.history,
          retention: opts.retention,
          newOnly: opts.newOnly,
          inputLimits: opts.inputLimit,
          details: opts.details,
          onlyFlagged: opts.onlyFlagged,
          jobs: opts.jobs,
        },
        io,
      );
    });

  program
    .command('merge')
    .description('combine JSON reports (e.g. from --shard jobs) into one; links are recomputed across all reports that carry link keys')
    .argument('<reports...>', 'JSON reports written by dprk-check --format json')
    .addOption(
      new Option(
        '-f, --format <name[:file]>',
        `report format (${FORMAT_NAMES.join(', ')}), repeatable; NAME:FILE writes it to a file (default: json)`,
      ).argParser((v: string, acc: string[] | undefined) => [...(acc ?? []), v]),
    )
    .option('-o, --output <file>', 'write the merged report to a file (atomically)')
    .addOption(new Option('--fail-on <level>', 'lowest level that makes the run exit 1').choices([...FAIL_ON]))
    .option('--redact', 'mask personal data in every format; hashed link keys are left out')
    .option('--no-redact', 'keep personal data even in sarif, junit and github output')
    .option('--details', 'text: the full block for every applicant, worst first')
    .option('--only-flagged', 'text: leave out applicants below --fail-on')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .action(async (reports: string[], opts) => {
      const plan = planOutputs(opts.format ?? ['json'], opts.output);
      const problem = plan.ok ? prepareOutputs(plan.targets, reports, io) : plan.message;
      if (!plan.ok || problem) {
        io.stderr.write(`dprk-check: ${problem}\n`);
        result.code = EXIT.ERROR;
        return;
      }
      result.code = await runMerge(
        reports,
        { outputs: plan.targets, redact: opts.redact, failOn: opts.failOn, color: opts.color, details: opts.details, onlyFlagged: opts.onlyFlagged },
        io,
      );
    });

  program
    .command('schema')
    .description('print the applicant JSON Schema (the input contract); --derived prints the facts rules can also use')
    .option('--derived', 'print the schema of derived facts (derived.*) instead')
    .action((opts: { derived?: boolean }) => {
      const schema = opts.derived ? derivedSchema() : readSchema('applicant.schema.json');
      io.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
      result.code = EXIT.OK;
    });

  addInitCommand(program, io, result);
  addRulesCommand(program, io, result);
  addWatchlistCommand(program, io, result);
  addHistoryCommand(program, io, result);
  addReviewCommand(program, io, result);

  program
    .command('completion')
    .description('print a shell completion script: eval "$(dprk-check completion bash)" (or zsh, fish)')
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices([...SHELLS]))
    .action((shell: Shell) => {
      io.stdout.write(completionScript(shell, program));
      result.code = EXIT.OK;
    });

  // The root takes file arguments, so commander adds no help command by itself: `help [command]`.
  program.helpCommand('help [command]', 'show help for a command');
  return program;
}

/** Run the CLI with injected IO; returns the exit code and never throws for user errors. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const result = { code: EXIT.OK as number };
  const program = buildProgram(io, result);
  program.exitOverride();
  program.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
  });
  const configure = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
    cmd.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end with exit code 0 through the same path.
      return e.exitCode === 0 ? EXIT.OK : EXIT.ERROR;
    }
    // Built-in IP data opens lazily: a broken install shows up at the first public IP.
    if (e instanceof IpDataError) {
      io.stderr.write(`dprk-check: ${e.message}\n`);
      return EXIT.ERROR;
    }
    if (e instanceof SpillError) {
      io.stderr.write(
        `dprk-check: cannot set data aside in the temporary directory ${escapeControls(e.dir)}: ${writeErrorText(e.cause)}. A large run keeps its working data there (encrypted); set TMPDIR to a directory that exists and has room, e.g. TMPDIR=/var/tmp\n`,
      );
      return EXIT.ERROR;
    }
    // Help, a schema or a rule list to a standard output that is gone: as for reports (write-reports.ts).
    const failed = stdoutFailure(e, io.stderr, result.code);
    if (failed !== undefined) return failed;
    const err = e as Error;
    io.stderr.write(`dprk-check: internal error: ${err.message}\n`);
    if (io.env.DPRK_CHECK_DEBUG) io.stderr.write(`${err.stack ?? ''}\n`);
    return EXIT.ERROR;
  }
}
