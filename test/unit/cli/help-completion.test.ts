import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.js';
import { buildProgram } from '../../../src/cli/program.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'dprk-help-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (argv: string[]) => runCli(['--no-config', ...argv], { cwd: dir });
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

describe('help [command]', () => {
  it('`help` prints the main help, not "cannot read file help"', async () => {
    const r = await runCli(['help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: dprk-check \[options\] \[command\] \[inputs\.\.\.\]/);
    expect(r.stdout).toMatch(/^ {2}help \[command\] +show help for a command$/m);
    expect(r.stdout).toMatch(/^ {2}completion <shell> /m);
    expect(r.stderr).toBe('');
  });

  it("`help merge` and `help rules` print that command's help", async () => {
    const merge = await runCli(['help', 'merge'], { cwd: dir });
    expect(merge.code).toBe(0);
    expect(merge.stdout).toMatch(/^Usage: dprk-check merge \[options\] <reports\.\.\.>/);
    const rules = await runCli(['help', 'rules'], { cwd: dir });
    expect(rules.stdout).toMatch(/^Usage: dprk-check rules /);
    expect(rules.stdout).toContain('validate');
  });

  it('a file called help is still checked when given as ./help', async () => {
    copyFileSync(join(ROOT, 'fixtures/clean-applicant.json'), join(dir, 'help'));
    const r = await cli(['-f', 'json', './help']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ total: 1, evaluated: 1 });
  });
});

// `init` is another branch's command: until it lands, the word is guarded; after, commander owns it.
const initIsACommand = buildProgram({} as never, { code: 0 }).commands.some((c) => c.name() === 'init');

describe('command words that are not files', () => {
  it.skipIf(initIsACommand)('a bare `init` that is no file says so (exit 2) instead of counting a missing record', async () => {
    const r = await cli(['init']);
    // Once `init` is a command, commander dispatches to it and this guard never sees the word.
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'init' is not a command here and no file has that name");
    expect(r.stderr).toContain('./init');
    expect(r.stdout).toBe('');
  });

  it('a file called init is read as ./init (and as init while init is no command)', async () => {
    copyFileSync(join(ROOT, 'fixtures/clean-applicant.json'), join(dir, 'init'));
    for (const name of initIsACommand ? ['./init'] : ['init', './init']) {
      const r = await cli(['-f', 'json', name]);
      expect(r.code, name).toBe(0);
      expect(JSON.parse(r.stdout).summary.total).toBe(1);
    }
  });
});

describe('completion bash|zsh|fish', () => {
  it('refuses another shell with exit 2', async () => {
    const r = await cli(['completion', 'powershell']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Allowed choices are bash, zsh, fish');
  });

  it('bash: the script parses and completes commands, subcommands, options and their choices', async () => {
    const r = await cli(['completion', 'bash']);
    expect(r.code).toBe(0);
    const script = join(dir, 'c.bash');
    writeFileSync(script, r.stdout);
    const complete = (...words: string[]) => {
      const p = spawnSync(
        'bash',
        [
          '-c',
          `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($#-1)); _dprk_check_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
          '_',
          script,
          'dprk-check',
          ...words,
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(p.stderr).toBe('');
      return p.stdout.split('\n').filter(Boolean);
    };
    expect(complete('me')).toEqual(['merge']);
    expect(complete('')).toEqual(expect.arrayContaining(['merge', 'rules', 'watchlist', 'completion', 'help']));
    expect(complete('rules', '')).toEqual(['list', 'show', 'validate', 'test', 'help', '--help']);
    expect(complete('rules', 'list', '--fam')).toEqual(['--family']);
    expect(complete('rules', 'list', '--family', '')).toEqual(['identity', 'network', 'affiliation', 'payroll', 'linkage']);
    expect(complete('--fail-on', 'h')).toEqual(['high']);
    expect(complete('completion', '')).toEqual(['bash', 'zsh', 'fish', '--help']);
    // Inputs complete as file names (a file called help is there from the test above).
    expect(complete('hel')).toEqual(expect.arrayContaining(['help']));
  });

  it.skipIf(!has('zsh'))('zsh: the script loads in an interactive zsh with compinit', async () => {
    const r = await cli(['completion', 'zsh']);
    writeFileSync(join(dir, 'c.zsh'), r.stdout);
    const p = spawnSync('zsh', ['-f', '-c', `autoload -U compinit && compinit -u; source "${join(dir, 'c.zsh')}" && whence -w _dprk_check_complete`], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(p.stderr).toBe('');
    expect(p.stdout).toContain('_dprk_check_complete: function');
  });

  it('fish: one complete line per command and option, quoted for fish', async () => {
    const r = await cli(['completion', 'fish']);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('#'));
    expect(lines.every((l) => l.startsWith('complete -c dprk-check '))).toBe(true);
    expect(lines).toContain(
      "complete -c dprk-check -n '__fish_seen_subcommand_from list' -l family -x -a 'identity network affiliation payroll linkage' -d 'only this family'",
    );
    if (has('fish')) {
      writeFileSync(join(dir, 'c.fish'), r.stdout);
      const p = spawnSync('fish', ['--no-config', '-c', `source ${join(dir, 'c.fish')}; complete -C 'dprk-check me'`], { encoding: 'utf8' });
      expect(p.stderr).toBe('');
      expect(p.stdout).toMatch(/^merge\t/m);
    }
  });
});
