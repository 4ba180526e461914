import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { yamlLib } from '../util/lazy-yaml.js';
import { writeFileAtomic } from '../cli/write-output.js';
import { loadRuleSet } from '../ruleset/load.js';
import { DiagnosticsError } from '../model/diagnostic.js';
import { runCases } from '../ruleset/run-cases.js';
import { CsvError, parseCsv, type CsvRow } from './csv.js';
import { detectListFile, type ListFileKind } from './detect.js';
import { listDocs, packNames } from './list-docs.js';
import { readOfac } from './ofac.js';
import { readOpenSanctions } from './opensanctions.js';
import { ruleDocs } from './rule-docs.js';
import { ImportError, type ImportResult } from './types.js';

export interface ImportOptions {
  files: string[];
  out: string;
  /** Programme tags to keep instead of the DPRK ones (e.g. DPRK3, CYBER2). */
  programs?: string[];
  allPrograms?: boolean;
  /** Id prefix of the lists and rules written (default ofac-sdn-dprk / opensanctions-dprk). */
  prefix?: string;
  /** Download date (YYYY-MM-DD); default: the list file's modification date. */
  date?: string;
  /** Paths in messages are shown relative to this. */
  cwd?: string;
}

export interface ImportSummary {
  result: ImportResult;
  written: string[];
  lists: Array<{ id: string; count: number }>;
  rules: string[];
  /** Notes for the user: ignored files, licence terms. */
  notices: string[];
  /** Generated rule cases that did not pass (a name too short to match, …). */
  caseProblems: string[];
}

const MAX_BYTES = 512 * 1024 * 1024;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function readTable(path: string, cwd: string | undefined): { rows: CsvRow[]; kind: ListFileKind } {
  const rel = cwd ? relative(cwd, path) : path;
  const file = rel && !rel.startsWith('..') ? rel : path;
  let text: string;
  try {
    if (statSync(path).size > MAX_BYTES) throw new ImportError(`${file}: larger than ${MAX_BYTES / 1024 / 1024} MB; filter it first`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    const rows = parseCsv(text, file);
    return { rows, kind: detectListFile(rows, file) };
  } catch (e) {
    if (e instanceof CsvError) throw new ImportError(e.message);
    throw e;
  }
}

function fileDate(file: string): string {
  return statSync(file).mtime.toISOString().slice(0, 10);
}

/** Read the user's list files, write list + rule YAML into `out`, and run the new rules' own cases. */
export function importWatchlist(opts: ImportOptions): ImportSummary {
  if (opts.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) throw new ImportError(`--date must be YYYY-MM-DD, got '${opts.date}'`);
  if (opts.prefix !== undefined && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(opts.prefix)) throw new ImportError(`--id must be lower-case words joined by '-', got '${opts.prefix}'`);
  const tables = opts.files.map((f) => ({ path: f, ...readTable(f, opts.cwd) }));
  const notices: string[] = [];
  const of = (k: ListFileKind) => tables.filter((t) => t.kind === k);
  for (const t of [...of('ofac-add'), ...of('ofac-comments')]) notices.push(`${basename(t.path)}: ${t.kind === 'ofac-add' ? 'addresses' : 'extended remarks'} are not used by the import; ignored`);
  const sdn = of('ofac-sdn');
  const alt = of('ofac-alt');
  const os = of('opensanctions');
  if (sdn.length > 1 || alt.length > 1 || os.length > 1) throw new ImportError('give each list file once (one sdn.csv, at most one alt.csv, or one targets.simple.csv)');
  if (os.length && (sdn.length || alt.length)) throw new ImportError('import OFAC and OpenSanctions files separately (two runs, two --out directories)');
  if (alt.length && !sdn.length) throw new ImportError(`${basename(alt[0]!.path)} is OFAC's alt.csv (aliases only); give sdn.csv too`);
  if (!sdn.length && !os.length) throw new ImportError('no sdn.csv or targets.simple.csv among the files');

  const main = sdn[0] ?? os[0]!;
  const date = opts.date ?? fileDate(main.path);
  let result: ImportResult;
  let reference: { title: string; url: string };
  if (sdn.length) {
    const programs = opts.allPrograms ? /./ : opts.programs?.length ? new RegExp(`^(?:${opts.programs.map(escape).join('|')})$`, 'i') : undefined;
    result = readOfac(sdn[0]!.rows, alt[0]?.rows ?? [], { sdn: basename(sdn[0]!.path), alt: alt[0] && basename(alt[0].path) }, { programs, date });
    reference = { title: 'OFAC Specially Designated Nationals (SDN) list', url: 'https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists' };
  } else {
    const programs = opts.allPrograms ? /./ : opts.programs?.length ? new RegExp(opts.programs.map(escape).join('|'), 'i') : undefined;
    result = readOpenSanctions(os[0]!.rows, basename(os[0]!.path), { programs, date });
    reference = { title: 'OpenSanctions datasets', url: 'https://www.opensanctions.org/datasets/' };
    notices.push(`OpenSanctions data is licensed ${result.licence}.`);
  }
  if (result.entries.length === 0) {
    const which = opts.allPrograms ? 'sanctioned' : opts.programs?.length ? `programme ${opts.programs.join(', ')}` : 'North Korea (DPRK)';
    throw new ImportError(`${basename(main.path)}: no ${which} entries among ${result.read} rows; nothing written (use --program TAG or --all-programs to choose others)`);
  }

  const prefix = opts.prefix ?? `${sdn.length ? 'ofac-sdn' : 'opensanctions'}${opts.allPrograms || opts.programs?.length ? '' : '-dprk'}`;
  const names = packNames(prefix);
  const lists = listDocs(result, names, date, reference);
  const rules = ruleDocs(result, names, new Set(lists.map((l) => l.id)), { ...reference, date });
  const written: string[] = [];
  const header = `# Generated by dprk-check watchlist import on ${new Date().toISOString().slice(0, 10)} from ${opts.files.map((f) => basename(f)).join(', ')} (${result.sourceName}, as of ${date}).\n# Licence of the data: ${result.licence}. Re-run the import on a newer download rather than editing by hand.\n`;
  const write = (dir: string, id: string, doc: unknown) => {
    mkdirSync(join(opts.out, dir), { recursive: true });
    const file = join(opts.out, dir, `${id}.yaml`);
    writeFileAtomic(file, header + yamlLib().stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }));
    written.push(file);
  };
  for (const l of lists) write('lists', l.id, l.doc);
  for (const r of rules) write('affiliation', r.id.slice('affiliation.'.length), r.doc);

  // The generated pack must load and its own cases must pass, like any rule pack.
  const caseProblems: string[] = [];
  try {
    const loaded = loadRuleSet({ paths: [opts.out] });
    for (const rule of loaded.rules.filter((r) => rules.some((d) => d.id === r.spec.id))) {
      for (const c of runCases(rule, {})) if (!c.passed) caseProblems.push(`${c.ruleId} › ${c.name}: ${c.problem}`);
    }
  } catch (e) {
    if (!(e instanceof DiagnosticsError)) throw e;
    caseProblems.push(`${opts.out} does not load as a rule pack on its own: ${e.diagnostics.filter((d) => d.severity === 'error').slice(0, 3).map((d) => `${d.file}:${d.line ?? 1}: ${d.message}`).join('; ')}`);
  }
  return { result, written, lists: lists.map((l) => ({ id: l.id, count: l.count })), rules: rules.map((r) => r.id), notices, caseProblems };
}
