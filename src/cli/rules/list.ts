import type { CliIO } from '../io.js';
import { EXIT } from '../exit-codes.js';
import { printDiagnostics } from '../print-diagnostics.js';
import type { Family, RuleStatus, Severity } from '../../model/levels.js';
import { withHint } from './hints.js';
import { loadPacks, type LoadedPacks, type PackRequest } from './load-packs.js';
import { plural } from '../../util/plural.js';

export interface ListOptions extends Omit<PackRequest, 'targets'> {
  format: 'text' | 'json';
  family?: Family;
  severity?: Severity;
  status?: RuleStatus;
}

export interface RuleRow {
  id: string;
  family: Family;
  /** In effect, after the configuration. */
  severity: Severity;
  /** As written in the rule file, when the configuration changed it. */
  fileSeverity?: Severity;
  status: RuleStatus;
  title: string;
  enabled: boolean;
  disabledBy?: string;
  source: string;
}

export function ruleRows(packs: LoadedPacks): RuleRow[] {
  const { tuned } = packs;
  return packs.load.ruleSet.rules.map((r) => {
    const over = tuned.overridden.find((o) => o.id === r.spec.id);
    const off = tuned.disabled.find((d) => d.id === r.spec.id);
    return {
      id: r.spec.id,
      family: r.spec.family,
      severity: over?.to ?? r.spec.severity,
      ...(over ? { fileSeverity: over.from } : {}),
      status: r.spec.status,
      title: r.spec.title,
      enabled: !off && r.spec.status !== 'deprecated',
      ...(off ? { disabledBy: off.by } : {}),
      source: `${r.source.file}:${r.source.line}`,
    };
  });
}

/** Packs that do not load are reported and stop the command: a partial list would mislead. */
export function blockingProblems(packs: LoadedPacks, io: CliIO): boolean {
  // A configuration that disables every rule stops a check, not a listing: the list is where one
  // sees what each pattern disabled (the diagnostic is still printed).
  const all = [...packs.configDiagnostics, ...packs.load.errors, ...packs.tuned.diagnostics];
  const disablesAll = all.filter((d) => d.code === 'config-disables-all');
  if (disablesAll.length) printDiagnostics(io, disablesAll.map(withHint), false);
  const errors = all.filter((d) => d.severity === 'error' && d.code !== 'config-disables-all');
  if (errors.length === 0) return false;
  printDiagnostics(io, errors.map(withHint), false);
  const inConfig = packs.config || packs.configDiagnostics.length ? ' (--no-config leaves the configuration out)' : '';
  io.stderr.write(`dprk-check: the rule packs or the configuration have errors; \`dprk-check rules validate\` shows them all${inConfig}.\n`);
  return true;
}

export function runList(opts: ListOptions, io: CliIO): number {
  const packs = loadPacks({ ...opts, targets: [] }, io);
  if (blockingProblems(packs, io)) return EXIT.ERROR;
  const all = ruleRows(packs);
  const rows = all.filter((r) => (!opts.family || r.family === opts.family) && (!opts.severity || r.severity === opts.severity) && (!opts.status || r.status === opts.status));
  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.OK;
  }
  const configured = rows.some((r) => r.fileSeverity || r.disabledBy);
  const header = ['ID', 'FAMILY', 'SEVERITY', 'STATUS', ...(configured ? ['CONFIG'] : []), 'TITLE'];
  const table = rows.map((r) => [
    r.id,
    r.family,
    r.severity,
    r.status,
    ...(configured ? [r.disabledBy ? `disabled (${r.disabledBy})` : r.fileSeverity ? `severity was ${r.fileSeverity}` : ''] : []),
    r.title,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  io.stdout.write(`${[line(header), ...table.map(line)].join('\n')}\n`);
  const running = rows.filter((r) => r.enabled).length;
  const shown = rows.length === all.length ? plural(all.length, 'rule') : `${rows.length} of ${plural(all.length, 'rule')}`;
  io.stdout.write(`\n${shown}, ${running} of them running${packs.config ? ` (configuration: ${packs.config.shown})` : ''}.\n`);
  return EXIT.OK;
}
