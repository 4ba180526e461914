import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIO } from './io.js';
import { EXIT } from './exit-codes.js';
import { importWatchlist } from './watchlist-import.js';
import { ImportError } from '../watchlist/types.js';
import { plural } from '../util/plural.js';

const HELP = `
Reads a list file you downloaded yourself (nothing is fetched) and writes a rule pack: lists/ with
the selected entries and affiliation/ with rules that use them. Check applicants with it through
--rules <dir>. North Korea (DPRK) programmes are selected unless --program or --all-programs.

Files:
  OFAC legacy CSV     sdn.csv with alt.csv (aliases), add.csv (addresses) and sdn_comments.csv
                      (Remarks over 1,000 characters), as downloaded: no header row, Ctrl-Z last line
  OpenSanctions       targets.simple.csv (header row) or entities.ftm.json (FollowTheMoney, one
                      entity per line, wallets included); CC BY-NC 4.0: commercial use needs a licence
  OFAC SLS XML        SDN_ADVANCED.XML (Sanctions List Service advanced XML), on its own

Written: lists of entities, persons, e-mail addresses, wallets, website domains and weak aliases,
and a rule for each (a wallet or e-mail match is critical; a name alone medium; a weak alias low).
A list too long for one rule file (1 MB) is written in parts.

Examples:
  $ dprk-check watchlist import sdn.csv alt.csv add.csv sdn_comments.csv --out watchlist/
  $ dprk-check watchlist import targets.simple.csv --out watchlist-os/ --date 2026-11-20
  $ dprk-check --rules watchlist/ applicant.json`;

const collect = (v: string, acc: string[]) => [...acc, v];

/** `dprk-check watchlist import`: sanctions files → local list + rule YAML. */
export function addWatchlistCommand(program: Command, io: CliIO, result: { code: number }): void {
  const watchlist = program.command('watchlist').description('build local watchlists from sanctions lists you downloaded (offline)');
  const cmd = watchlist
    .command('import')
    .description(
      'turn OFAC SDN CSVs (sdn.csv, alt.csv, add.csv, sdn_comments.csv) or an OpenSanctions export (targets.simple.csv, entities.ftm.json) into a local watchlist rule pack',
    )
    .argument('<files...>', 'sdn.csv [alt.csv] [add.csv] [sdn_comments.csv], or SDN_ADVANCED.XML, or targets.simple.csv, or entities.ftm.json')
    .requiredOption('--out <dir>', 'directory to write lists/ and affiliation/ into (use it with --rules)')
    .option('--program <tag>', 'keep entries of this programme instead of the DPRK ones (OFAC tag such as CYBER2); repeatable', collect, [] as string[])
    .option('--all-programs', 'keep every sanctioned entry, whatever the programme')
    .option('--id <prefix>', 'id prefix for the lists and rules written (default ofac-sdn-dprk or opensanctions-dprk)')
    .option('--date <yyyy-mm-dd>', "the date the file was downloaded (default: the file's modification date)")
    .addHelpText('after', HELP)
    .action((files: string[], opts: { out: string; program: string[]; allPrograms?: boolean; id?: string; date?: string }) => {
      try {
        const s = importWatchlist({
          files: files.map((f) => resolve(io.cwd, f)),
          out: resolve(io.cwd, opts.out),
          programs: opts.program,
          allPrograms: opts.allPrograms,
          prefix: opts.id,
          date: opts.date,
          cwd: io.cwd,
        });
        const r = s.result;
        io.stdout.write(
          `Read ${plural(r.read, 'row')} of ${r.sourceName}; kept ${r.entries.length}, skipped ${r.skipped} (other programmes, vessels, aircraft, unnamed).\n`,
        );
        for (const l of s.lists)
          io.stdout.write(
            `  list ${l.id}: ${l.count} entr${l.count === 1 ? 'y' : 'ies'}${l.files > 1 ? ` in ${l.files} files (${l.id}, ${l.id}-2 … ${l.id}-${l.files}: each under the 1 MB rule-file limit)` : ''}\n`,
          );
        for (const id of s.rules) io.stdout.write(`  rule ${id}\n`);
        io.stdout.write(`Wrote ${plural(s.written.length, 'file')} under ${opts.out}. Use: dprk-check --rules ${opts.out} <applicant files>\n`);
        for (const n of s.notices) io.stderr.write(`dprk-check: note: ${n}\n`);
        for (const p of s.caseProblems) io.stderr.write(`dprk-check: warning: generated rule case failed: ${p}\n`);
        result.code = EXIT.OK;
      } catch (e) {
        if (!(e instanceof ImportError)) throw e;
        io.stderr.write(`dprk-check: watchlist import: ${e.message}\n`);
        result.code = EXIT.ERROR;
      }
    });
  for (const c of [watchlist, cmd]) {
    c.exitOverride();
    c.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  }
}
