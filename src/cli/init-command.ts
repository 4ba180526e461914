import { writeFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIO } from './io.js';
import { EXIT } from './exit-codes.js';
import { APPLICANT_CSV_COLUMNS } from '../read/adapters/applicant-csv.js';

/** A blank applicant to fill in: every commonly used field, empty where the model allows it. */
export const BLANK_APPLICANT = {
  id: '',
  name: { full: '', given: '', family: '' },
  dateOfBirth: '',
  appliedAt: '',
  role: { title: '', remote: true },
  claimedLocation: { country: '', region: '', city: '', timezone: '' },
  contact: { emails: [], phones: [], addresses: [] },
  identity: { documents: [] },
  profiles: [],
  employment: [],
  education: [],
  interviews: [],
  network: { sessions: [], remoteAccessTools: [] },
  payroll: { changes: [] },
};

/** `dprk-check init [FILE]`: a blank applicant JSON (or, with --csv, a spreadsheet header) to fill in. */
export function addInitCommand(program: Command, io: CliIO, result: { code: number }): void {
  program
    .command('init')
    .description('write a blank applicant JSON to fill in (or with --csv a CSV template with the same fields); to standard output unless FILE is named')
    .argument('[file]', 'where to write it (refuses to overwrite)')
    .option('--csv', 'a CSV template: one row per applicant, columns as docs/sources.md lists them')
    .action((file: string | undefined, opts: { csv?: boolean }) => {
      const text = opts.csv ? `${Object.keys(APPLICANT_CSV_COLUMNS).join(',')}\n` : `${JSON.stringify(BLANK_APPLICANT, null, 2)}\n`;
      if (!file) {
        io.stdout.write(text);
        result.code = EXIT.OK;
        return;
      }
      const path = resolve(io.cwd, file);
      if (existsSync(path)) {
        io.stderr.write(`dprk-check: ${file} already exists; not overwritten.\n`);
        result.code = EXIT.ERROR;
        return;
      }
      writeFileSync(path, text);
      io.stderr.write(
        `dprk-check: wrote ${file}. Fill in what you know and delete the text fields you leave empty ("" is not a value: the check names the line of each one left), then run: dprk-check ${file}\n`,
      );
      result.code = EXIT.OK;
    });
}
