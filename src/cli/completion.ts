import type { Command, Option } from 'commander';

/**
 * Shell completion scripts, generated from the commander tree itself so a new command or option
 * completes without anyone remembering to edit a second list. Words only (commands, options, the
 * choices an option declares); everything else completes as a file name.
 */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface Node {
  path: string[]; // [] for the root, ['rules'] for `rules`, ['rules', 'list'] …
  description: string;
  subcommands: Node[];
  options: Option[];
  argChoices: string[]; // the choices its first argument declares (`completion <shell>`)
  takesFiles: boolean; // has a free argument: inputs, reports, paths
}

const visible = (cmd: Command): Command[] => cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);

function tree(cmd: Command, path: string[] = []): Node {
  return {
    path,
    description: cmd.description(),
    subcommands: visible(cmd).map((c) => tree(c, [...path, c.name()])),
    options: cmd.options.filter((o) => !o.hidden),
    argChoices: cmd.registeredArguments[0]?.argChoices ?? [],
    takesFiles: cmd.registeredArguments.some((a) => !a.argChoices),
  };
}

function walk(n: Node, visit: (n: Node) => void): void {
  visit(n);
  n.subcommands.forEach((s) => walk(s, visit));
}

const optionWords = (n: Node): string[] => n.options.flatMap((o) => [o.short, o.long].filter((x): x is string => !!x));
const words = (n: Node): string =>
  [...n.subcommands.map((s) => s.path.at(-1)!), ...(n.subcommands.length ? ['help'] : []), ...n.argChoices, ...optionWords(n), '--help'].join(' ');
/** Single-quoted for sh: nothing in a quoted word is expanded. */
const shq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function bash(root: Node, prog: string): string {
  const fn = `_${prog.replace(/[^A-Za-z0-9]/g, '_')}_complete`;
  const cases: string[] = [];
  const choices: string[] = [];
  walk(root, (n) => {
    for (const o of n.options) {
      if (!o.required && !o.optional) continue;
      // An option's value: its choices, or else a file name (most values here are paths).
      const reply = o.argChoices?.length ? `compgen -W ${shq(o.argChoices.join(' '))} -- "$cur"` : 'compgen -f -- "$cur"';
      for (const flag of [o.short, o.long].filter(Boolean)) choices.push(`    ${shq(`${n.path.join(' ')}|${flag}`)}) COMPREPLY=($(${reply})); return ;;`);
    }
    cases.push(`    ${shq(n.path.join(' '))}) words=${shq(words(n))}; files=${n.takesFiles ? 1 : 0} ;;`);
  });
  return `# bash completion for ${prog}: eval "$(${prog} completion bash)", or save it under
# ~/.local/share/bash-completion/completions/${prog}
${fn}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  local path="" words="" files=0 w i
  # The command path so far: the leading words that name (sub)commands.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=\${COMP_WORDS[i]}
    [[ $w == -* ]] && break
    case "\${path:+$path }$w" in
${walk2(root)
  .map((p) => `      ${shq(p)}) path=${shq(p)} ;;`)
  .join('\n')}
      *) break ;;
    esac
  done
  case "$path|$prev" in
${choices.join('\n')}
  esac
  case "$path" in
${cases.join('\n')}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
  if [[ $files == 1 && $cur != -* ]]; then COMPREPLY+=($(compgen -f -- "$cur")); fi
}
complete -o filenames -o bashdefault -F ${fn} ${prog}
`;
}

/** Every non-root command path, as space-joined words. */
function walk2(root: Node): string[] {
  const out: string[] = [];
  walk(root, (n) => {
    if (n.path.length) out.push(n.path.join(' '));
  });
  return out;
}

function zsh(root: Node, prog: string): string {
  // zsh runs bash completion functions through bashcompinit: one generator, the same words.
  return `#compdef ${prog}
# zsh completion for ${prog}: eval "$(${prog} completion zsh)" in ~/.zshrc (after compinit)
autoload -U +X bashcompinit && bashcompinit
${bash(root, prog)
  .split('\n')
  .filter((l) => !l.startsWith('# bash completion') && !l.startsWith('# ~/.local'))
  .join('\n')}`;
}

function fish(root: Node, prog: string): string {
  const lines = [`# fish completion for ${prog}: ${prog} completion fish > ~/.config/fish/completions/${prog}.fish`, `complete -c ${prog} -f`];
  // fish's quoting: single quotes, with \\ and \' as the only escapes.
  const fq = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  walk(root, (n) => {
    const all = walk2(root).filter((p) => p.split(' ').length === 1);
    const here = n.path.length === 0 ? `not __fish_seen_subcommand_from ${all.join(' ')}` : `__fish_seen_subcommand_from ${n.path.at(-1)}`;
    if (n.argChoices.length) lines.push(`complete -c ${prog} -n ${fq(here)} -a ${fq(n.argChoices.join(' '))}`);
    if (n.subcommands.length) lines.push(`complete -c ${prog} -n ${fq(here)} -a help -d 'show help for a command'`);
    for (const s of n.subcommands) lines.push(`complete -c ${prog} -n ${fq(here)} -a ${fq(s.path.at(-1)!)} -d ${fq(s.description)}`);
    for (const o of n.options) {
      const flags = [o.short ? `-s ${o.short.slice(1)}` : '', o.long ? `-l ${o.long.slice(2)}` : ''].filter(Boolean).join(' ');
      const arg = o.required || o.optional ? (o.argChoices?.length ? ` -x -a ${fq(o.argChoices.join(' '))}` : ' -r -F') : '';
      lines.push(`complete -c ${prog} -n ${fq(here)} ${flags}${arg} -d ${fq(o.description)}`);
    }
  });
  // Inputs are files and directories.
  lines.push(
    `complete -c ${prog} -n ${fq(
      `not __fish_seen_subcommand_from ${walk2(root)
        .filter((p) => !p.includes(' '))
        .join(' ')}`,
    )} -F`,
  );
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: Shell, program: Command): string {
  const root = tree(program);
  const prog = program.name();
  return shell === 'bash' ? bash(root, prog) : shell === 'zsh' ? zsh(root, prog) : fish(root, prog);
}
