import { Command, CommanderError, Option } from 'commander';
import type { CliIO } from './io.js';
import { EXIT } from './exit-codes.js';
import { runCheck } from './check-command.js';
import { FORMAT_NAMES, FORMATS } from '../formats/index.js';
import { FAIL_ON } from '../model/levels.js';
import { versionText } from './ip-data-option.js';
import { IpDataError } from '../intel/ip-data-error.js';
import { addWatchlistCommand } from './watchlist-command.js';
import { readSchema } from '../validate/ajv.js';
import { derivedSchema } from '../enrich/index.js';

const EXAMPLES = `
Examples:
  $ dprk-check applicant.json                    readable report for one applicant
  $ dprk-check --format json applicant.json      the JSON report contract, for tools
  $ cat applicant.json | dprk-check -            read from standard input
  $ dprk-check --fail-on medium a.json b.json    exit 1 if anyone is medium or above
  $ dprk-check schema                            print the applicant JSON Schema

Exit codes:
  0  no applicant at or above --fail-on (default: high)
  1  at least one applicant at or above --fail-on
  2  something could not be checked: bad arguments, unreadable rules, or an invalid record

The report lists signals for a person to verify, never a verdict. Nothing leaves this machine.`;

/** Build the commander program; actions store their exit code in `result`. */
export function buildProgram(io: CliIO, result: { code: number }): Command {
  const program = new Command('dprk-check');
  program
    .description("Screen job applicants for the red flags of North Korea's remote IT-worker scheme: inconsistencies and concrete links, never origin.")
    .version(versionText(), '-V, --version', 'print the version and the date and licence of the bundled IP data')
    .argument('[files...]', "applicant JSON files (an object, or an array of them); '-' reads standard input")
    .addOption(new Option('-f, --format <name>', `report format: ${FORMAT_NAMES.map((n) => `${n} (${FORMATS[n].description})`).join('; ')}`).choices(FORMAT_NAMES).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of standard output')
    .addOption(new Option('--fail-on <level>', 'lowest level that makes the run exit 1').choices([...FAIL_ON]).default('high'))
    .option('--rules <path>', 'add a rule pack (directory or file); repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--no-builtin-rules', 'do not load the built-in rules (use only --rules)')
    .option('--no-strict', 'treat unknown fields in applicant records as warnings, not errors')
    .option('--ip-data <file>', 'a newer IP → country and/or ASN database (.mmdb) to use instead of the bundled one; repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
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
        ipData: opts.ipData,
      }, io);
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
  addWatchlistCommand(program, io, result);
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
    // Built-in IP data opens lazily: a broken install shows up at the first public IP.
    if (e instanceof IpDataError) {
      io.stderr.write(`dprk-check: ${e.message}\n`);
      return EXIT.ERROR;
    }
    const err = e as Error;
    io.stderr.write(`dprk-check: internal error: ${err.message}\n`);
    if (io.env.DPRK_CHECK_DEBUG) io.stderr.write(`${err.stack ?? ''}\n`);
    return EXIT.ERROR;
  }
}
