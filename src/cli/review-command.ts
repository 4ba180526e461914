import { userInfo } from 'node:os';
import { Option, type Command } from 'commander';
import type { CliIO } from './io.js';
import { EXIT } from './exit-codes.js';
import { historySpec, withHistory } from './history-spec.js';
import { REVIEW_STATUSES, type ReviewStatus } from '../model/history.js';
import { findingsFingerprint } from '../history/fingerprint.js';

const HELP = `
A decision is about the findings the applicant had at its latest check: a cleared applicant stays
"reviewed" in later reports while the same rules fire, and is new again when another rule fires.
The note is stored as written: keep personal data out of it (write "ID seen on video call", not the ID number).

Examples:
  $ dprk-check review cand-812 --status cleared --note "Agency shares the payout account; contract seen" --history hr.db
  $ dprk-check review cand-907 --status escalated --note "Sent to security" --by "J. Park"`;

/** `dprk-check review ID --status … --note … [--by NAME]`. */
export function addReviewCommand(program: Command, io: CliIO, result: { code: number }): void {
  program
    .command('review')
    .description('record a review decision (cleared, escalated, confirmed) for an applicant in the history; later reports show it')
    .argument('<id>', 'the applicant id, as in the report')
    .addOption(new Option('--status <status>', 'the decision').choices([...REVIEW_STATUSES]).makeOptionMandatory())
    .requiredOption('--note <text>', 'why (stored as written: no personal data)')
    .option('--by <name>', 'who decided (default: the login name)')
    .option('--history <path|url>', 'the history (SQLite file or postgres://…); default: history: in .dprk-check.yaml')
    .option('--config <file>', 'configuration file to read history: from')
    .addHelpText('after', HELP)
    .action(async (id: string, opts: { status: ReviewStatus; note: string; by?: string; history?: string; config?: string }) => {
      const note = opts.note.trim();
      if (!note) {
        io.stderr.write('dprk-check: --note is empty: say why, so the next reviewer knows\n');
        result.code = EXIT.ERROR;
        return;
      }
      const spec = historySpec(opts.history, io, opts.config);
      result.code = await withHistory(spec.store, io, async (store) => {
        const entries = (await store.entries([id])).get(id) ?? [];
        const latest = entries[entries.length - 1];
        const by = opts.by?.trim() || io.env.USER || safeUser();
        const at = (io.now?.() ?? new Date()).toISOString();
        await store.addReview({ applicantId: id, status: opts.status, note, by, at, ...(latest ? { findings: findingsFingerprint(latest.ruleIds) } : {}) });
        io.stdout.write(
          `Recorded: ${id} ${opts.status} by ${by} on ${at.slice(0, 10)}${latest ? ` (findings of run ${latest.runId}: ${latest.ruleIds.join(', ') || 'none'})` : ''}.\n`,
        );
        return EXIT.OK;
      });
    });
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
