import { Option, type Command } from 'commander';
import type { CliIO } from '../io.js';
import { FAMILIES, RULE_STATUSES, SEVERITIES } from '../../model/levels.js';
import { runList } from './list.js';
import { runShow } from './show.js';
import { runRuleTests } from './test-runner.js';
import { runValidate } from './validate.js';

const collect = (v: string, acc: string[]) => [...acc, v];

/** Options every rules subcommand shares: which packs, which configuration, which output. */
function packOptions(cmd: Command, withRules: boolean): Command {
  if (withRules) cmd.option('--rules <path>', 'add a rule pack (directory or file); repeatable', collect, [] as string[]);
  return cmd
    .option('--no-builtin-rules', 'do not load the built-in rules')
    .option('--config <file>', 'configuration file to apply (default: .dprk-check.yaml in the working directory)')
    .option('--no-config', 'do not read a configuration file')
    .addOption(new Option('--format <name>', 'output format').choices(['text', 'json']).default('text'));
}

const request = (opts: { rules?: string[]; builtinRules: boolean; config?: string | false }, targets: string[] = []) => ({
  targets,
  extra: opts.rules ?? [],
  builtin: opts.builtinRules,
  config: opts.config,
});

/** `dprk-check rules …`: list, explain, validate and test rule packs. */
export function addRulesCommand(program: Command, io: CliIO, result: { code: number }): void {
  const rules = program
    .command('rules')
    .description('list, explain, validate and test rules (the built-in pack, --rules packs and .dprk-check.yaml)');

  packOptions(rules.command('list').description('list the rules: id, family, severity, status, title'), true)
    .addOption(new Option('--family <family>', 'only this family').choices([...FAMILIES]))
    .addOption(new Option('--severity <severity>', 'only this severity (after the configuration)').choices([...SEVERITIES]))
    .addOption(new Option('--status <status>', 'only this status').choices([...RULE_STATUSES]))
    .action((opts) => {
      result.code = runList({ ...request(opts), format: opts.format, family: opts.family, severity: opts.severity, status: opts.status }, io);
    });

  packOptions(rules.command('show').description('everything about one rule: what it tests, in words, its sources, its cases').argument('<id>', 'rule id, e.g. identity.document-name-mismatch'), true)
    .action((id: string, opts) => {
      result.code = runShow(id, { ...request(opts), format: opts.format }, io);
    });

  packOptions(
    rules
      .command('validate')
      .description('check rule files: schema, fields, regexes, ids, references, cases (exit 0 clean, 1 issues, 2 cannot load)')
      .argument('[paths...]', 'rule packs to validate (default: everything a check would load)'),
    false,
  ).action((paths: string[], opts) => {
    result.code = runValidate({ ...request(opts, paths), format: opts.format }, io);
  });

  packOptions(
    rules
      .command('test')
      .description("run the rules' embedded cases (exit 0 all pass, 1 a case failed, 2 cannot load)")
      .argument('[paths...]', 'rule packs to test (default: everything a check would load)'),
    false,
  ).action((paths: string[], opts) => {
    result.code = runRuleTests({ ...request(opts, paths), format: opts.format }, io);
  });
}
