import { Chalk } from 'chalk';
import type { CliIO } from './io.js';
import { formatDiagnostic, type Diagnostic } from '../model/diagnostic.js';

/** file:line:col  severity [rule]: message — on stderr, one per line, errors first. */
export function printDiagnostics(io: CliIO, diagnostics: Diagnostic[], color: boolean): void {
  const c = new Chalk({ level: color ? 1 : 0 });
  const sorted = [...diagnostics].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  for (const d of sorted) {
    const line = formatDiagnostic(d);
    io.stderr.write(`${d.severity === 'error' ? c.red(line) : c.yellow(line)}\n`);
  }
}
