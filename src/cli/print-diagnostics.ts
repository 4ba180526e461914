import { Chalk } from 'chalk';
import type { CliIO } from './io.js';
import { formatDiagnostic, type Diagnostic } from '../model/diagnostic.js';
import { escapeControls } from '../formats/plain-text.js';

/** file:line:col  severity [rule]: message — on stderr, one per line, errors first. */
export function printDiagnostics(io: CliIO, diagnostics: Diagnostic[], color: boolean): void {
  const c = new Chalk({ level: color ? 1 : 0 });
  const sorted = [...diagnostics].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  for (const d of sorted) {
    // File names and messages come from data and may hold control characters (formats/plain-text.ts).
    const line = formatDiagnostic({
      ...d,
      message: escapeControls(d.message),
      ...(d.file !== undefined ? { file: escapeControls(d.file) } : {}),
      ...(d.hint !== undefined ? { hint: escapeControls(d.hint) } : {}),
    });
    io.stderr.write(`${d.severity === 'error' ? c.red(line) : c.yellow(line)}\n`);
  }
}
