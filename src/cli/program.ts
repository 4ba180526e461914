import { Command, CommanderError, Option } from 'commander';
import type { CliIO } from './io.js';
import { EXIT } from './exit-codes.js';
import { runCheck } from './check-command.js';
import { runMerge } from './merge-command.js';
import { INPUT_FORMATS } from '../read/adapters/index.js';
import { FORMAT_NAMES, FORMATS } from '../formats/index.js';
import { FAIL_ON } from '../model/levels.js';
import { toolVersion } from '../util/package-root.js';
import { readSchema } from '../validate/ajv.js';
import { derivedSchema } from '../enrich/index.js';

const EXAMPLES = `
Examples:
  $ dprk-check applicant.json                    readable report for one applicant
  $ dprk-check --format json applicant.json      the JSON report contract, for tools
  $ cat applicant.json | dprk-check -            read from standard input
  $ dprk-check --fail-on medium a.json b.json    exit 1 if anyone is medium or above
  $ dprk-check exports/                          every .json/.ndjson/.jsonl file under a directory
  $ dprk-check --input-format greenhouse gh.json  a Greenhouse Harvest candidate export
  $ dprk-check --shard 2/4 -f json -o r2.json x.ndjson    one of four CI jobs (docs/ci.md)
  $ dprk-check merge r1.json r2.json r3.json r4.json      combine shard reports, links across all
  $ dprk-check schema                            print the applicant JSON Schema

Exit codes:
  0  no applicant at or above --fail-on (default: high)
  1  at least one applicant at or above --fail-on
  2  something could not be checked: bad arguments, unreadable rules, or an invalid record
  130  stopped by Ctrl-C; the report written covers the records read until then

The report lists signals for a person to verify, never a verdict. Nothing leaves this machine.`;

/** Build the commander program; actions store their exit code in `result`. */
export function buildProgram(io: CliIO, result: { code: number }): Command {
  const program = new Command('dprk-check');
  program
    .description("Screen job applicants for the red flags of North Korea's remote IT-worker scheme: inconsistencies and concrete links, never origin.")
    .version(toolVersion(), '-V, --version')
    .argument('[inputs...]', "applicant files, directories or globs: JSON (an object or an array of them) or NDJSON (.ndjson/.jsonl, one per line, streamed); '-' reads standard input")
    .addOption(new Option('-f, --format <name>', `report format: ${FORMAT_NAMES.map((n) => `${n} (${FORMATS[n].description})`).join('; ')}`).choices(FORMAT_NAMES).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of standard output')
    .addOption(new Option('--fail-on <level>', 'lowest level that makes the run exit 1').choices([...FAIL_ON]).default('high'))
    .option('--rules <path>', 'add a rule pack (directory or file); repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--no-builtin-rules', 'do not load the built-in rules (use only --rules)')
    .option('--no-strict', 'treat unknown fields in applicant records as warnings, not errors')
    .addOption(new Option('--input-format <name>', 'record layout: the applicant model, a Greenhouse Harvest candidate, a Lever opportunity, or auto (decided per record)').choices([...INPUT_FORMATS]).default('auto'))
    .option('--allow-shared <file>', "values applicants may share without being linked (a staffing agency's address, phone, network): YAML or JSON, see docs/linkage.md")
    .option('--shard <i/n>', 'check only shard i of n (a stable split by record source, for CI matrices; see docs/ci.md)')
    .option('--link-keys', 'put hashed link keys in the JSON report so `dprk-check merge` can link across reports (implied by --shard)')
    .option('--no-progress', 'never show the progress spinner (it only appears on a terminal, never in CI)')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour (NO_COLOR is honoured too)')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run dprk-check --help for usage)')
    .action(async (files: string[], opts) => {
      result.code = await runCheck(files, {
        format: opts.format,
        output: opts.output,
        failOn: opts.failOn,
        rules: opts.rules,
        builtinRules: opts.builtinRules,
        strict: opts.strict,
        color: opts.color,
        inputFormat: opts.inputFormat,
        shard: opts.shard,
        allowShared: opts.allowShared,
        linkKeys: opts.linkKeys,
        progress: opts.progress,
      }, io);
    });

  program
    .command('merge')
    .description('combine JSON reports (e.g. from --shard jobs) into one; links are recomputed across all reports that carry link keys')
    .argument('<reports...>', 'JSON reports written by dprk-check --format json')
    .addOption(new Option('-f, --format <name>', 'report format').choices(FORMAT_NAMES).default('json'))
    .option('-o, --output <file>', 'write the merged report to a file (atomically)')
    .addOption(new Option('--fail-on <level>', 'lowest level that makes the run exit 1').choices([...FAIL_ON]))
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .action(async (reports: string[], opts) => {
      result.code = await runMerge(reports, { format: opts.format, output: opts.output, failOn: opts.failOn, color: opts.color }, io);
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
  for (const cmd of program.commands) {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end with exit code 0 through the same path.
      return e.exitCode === 0 ? EXIT.OK : EXIT.ERROR;
    }
    const err = e as Error;
    io.stderr.write(`dprk-check: internal error: ${err.message}\n`);
    if (io.env.DPRK_CHECK_DEBUG) io.stderr.write(`${err.stack ?? ''}\n`);
    return EXIT.ERROR;
  }
}
