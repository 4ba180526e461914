import type { CliIO } from '../io.js';
import { EXIT } from '../exit-codes.js';
import { formatDiagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { displayPath } from '../../ruleset/load.js';
import { withHint } from './hints.js';
import { loadPacks, type PackRequest } from './load-packs.js';
import { plural } from '../../util/plural.js';

export interface ValidateOptions extends PackRequest {
  format: 'text' | 'json';
}

const order = (a: Diagnostic, b: Diagnostic) =>
  (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);

/**
 * `rules validate`: every problem in every file, positioned, with how to fix it.
 * Exit 2 when `check` would refuse the packs (errors), 1 when they load but have issues
 * (warnings: rule quality, skipped files, unused configuration), 0 when clean.
 */
export function runValidate(opts: ValidateOptions, io: CliIO): number {
  const packs = loadPacks(opts, io);
  const { load } = packs;
  const own = (d: Diagnostic) => packs.isTarget(d.file);
  const diagnostics = [
    ...packs.configDiagnostics,
    ...load.errors,
    ...load.ruleSet.warnings.filter(own),
    ...load.ruleSet.lint.filter(own),
    ...packs.tuned.diagnostics.filter((d) => d.code !== 'rule-quality'),
  ]
    .map(withHint)
    .sort(order);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const rules = load.ruleSet.rules.filter((r) => packs.isTarget(r.source.file)).length;
  const files = load.ruleSet.files.filter((f) => packs.isTarget(displayPath(f, io.cwd))).length;
  const nothing = files === 0 && errors === 0;
  const code = errors || nothing ? EXIT.ERROR : warnings ? EXIT.FLAGGED : EXIT.OK;

  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify({ valid: code === EXIT.OK, files, rules, errors, warnings, diagnostics }, null, 2)}\n`);
    return code;
  }
  for (const d of diagnostics) io.stdout.write(`${formatDiagnostic(d)}\n`);
  if (diagnostics.length) io.stdout.write('\n');
  if (nothing) {
    io.stdout.write('No rule files found: nothing to validate.\n');
    return code;
  }
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  io.stdout.write(`${plural(files, 'file')}, ${plural(rules, 'rule')} checked: ${counts}.\n`);
  if (errors) io.stdout.write('These rule packs cannot be loaded: dprk-check would refuse to run with them.\n');
  else if (warnings) io.stdout.write('The rules load and run, but the warnings above should be fixed.\n');
  return code;
}
