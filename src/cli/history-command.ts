import type { Command } from 'commander';
import type { CliIO } from './io.js';
import { EXIT } from './exit-codes.js';
import { historySpec, withHistory } from './history-spec.js';
import { cutoff, DEFAULT_RETENTION, parseRetention } from '../history/retention.js';
import { plural } from '../util/plural.js';

const HELP = `
The history holds, per run: date, tool and rules versions, input file hashes; per applicant: id,
level, score, fired rule ids, a hash of the name and the hashed link keys. Review decisions hold
status, note, reviewer and date. No name, contact detail, address, account or file path.

Examples:
  $ dprk-check history --history hr.db                    the runs, newest last
  $ dprk-check history --history hr.db --applicant cand-812   one applicant's checks and reviews
  $ dprk-check history prune --history hr.db --retention 180d`;

/** `dprk-check history [--applicant ID]` and `dprk-check history prune`. */
export function addHistoryCommand(program: Command, io: CliIO, result: { code: number }): void {
  const cmd = program
    .command('history')
    .description("list the runs a history holds, or one applicant's checks and review decisions; prune by retention")
    .option('--history <path|url>', 'the history (SQLite file or postgres://…); default: history: in .dprk-check.yaml')
    .option('--applicant <id>', "show this applicant's checks and review decisions")
    .option('--config <file>', 'configuration file to read history: from')
    .addHelpText('after', HELP)
    .action(async (opts: { history?: string; applicant?: string; config?: string }) => {
      const spec = historySpec(opts.history, io, opts.config);
      result.code = await withHistory(spec.store, io, async (store) => {
        if (opts.applicant) {
          const id = opts.applicant;
          const [entries, reviews] = await Promise.all([store.entries([id]), store.latestReviews([id])]);
          const list = entries.get(id) ?? [];
          if (list.length === 0) {
            io.stderr.write(`dprk-check: no applicant '${id}' in ${store.label}\n`);
            return EXIT.ERROR;
          }
          io.stdout.write(`Applicant ${id} in ${store.label}\n`);
          for (const h of list)
            io.stdout.write(`  run ${h.runId}  ${h.checkedAt.slice(0, 10)}  ${h.level.padEnd(8)}  ${h.ruleIds.join(', ') || 'no findings'}\n`);
          const r = reviews.get(id);
          io.stdout.write(r ? `  latest review: ${r.status} by ${r.by} on ${r.at.slice(0, 10)}: ${r.note}\n` : '  no review decision recorded\n');
          return EXIT.OK;
        }
        const runs = await store.listRuns();
        if (runs.length === 0) {
          io.stdout.write(`No runs recorded in ${store.label} yet.\n`);
          return EXIT.OK;
        }
        io.stdout.write(`Runs in ${store.label}\n  run  checked              applicants  flagged  rules\n`);
        for (const r of runs)
          io.stdout.write(
            `  ${String(r.runId).padStart(3)}  ${r.checkedAt.slice(0, 19).replace('T', ' ')}  ${String(r.applicants).padStart(10)}  ${String(r.flagged).padStart(7)}  ${r.rulesVersion}\n`,
          );
        return EXIT.OK;
      });
    });

  cmd
    .command('prune')
    .description('delete runs and review decisions older than the retention (a data-protection control; check runs do it too)')
    .option('--history <path|url>', 'the history (SQLite file or postgres://…)')
    .option('--retention <age>', `keep this long: 365d, 52w, 12m, 1y (default: history.retention in .dprk-check.yaml, else ${DEFAULT_RETENTION})`)
    .option('--config <file>', 'configuration file to read history: from')
    .action(async (opts: { history?: string; retention?: string; config?: string }) => {
      const spec = historySpec(opts.history, io, opts.config);
      const text = opts.retention ?? spec.retention ?? DEFAULT_RETENTION;
      const days = parseRetention(text);
      if (days === undefined) {
        io.stderr.write(`dprk-check: --retention ${text}: write a number of days, weeks, months or years, e.g. 365d, 52w, 12m, 1y\n`);
        result.code = EXIT.ERROR;
        return;
      }
      result.code = await withHistory(spec.store, io, async (store) => {
        const before = cutoff(io.now?.() ?? new Date(), days);
        const gone = await store.prune(before);
        io.stdout.write(
          `Pruned ${store.label}: ${plural(gone.runs, 'run')} (${gone.applicants} applicant records) and ${plural(gone.reviews, 'review decision')} from before ${before.slice(0, 10)}.\n`,
        );
        return EXIT.OK;
      });
    });
}
