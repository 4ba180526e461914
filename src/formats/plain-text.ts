import { lookupTable } from '../util/lookup-table.js';
/**
 * Machine formats carry text typed by people (names, notes) and by rule authors: strip terminal
 * escape sequences and control characters, which mean nothing in a file and can forge lines in a
 * CI log, before each format applies its own escaping.
 */
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
// C0 but tab and newlines, DEL, C1 (U+009B is a CSI on some terminals), and the bidirectional
// overrides and isolates that reorder what is shown ("Trojan Source").
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
const ANY_CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = lookupTable({ '\n': '\\n', '\r': '\\r', '\t': '\\t' });

/**
 * Text from data (a record, a file name) shown on a terminal or a log line: every control
 * character written as a visible escape (`\n`, `\x1b`, `\u202e`), so a value can neither move
 * the cursor, retitle the window or hide text, nor start a new line that a CI runner would read
 * as a workflow command (`\n::error::…`).
 */
export function escapeControls(s: string): string {
  return s.replace(
    ANY_CONTROL,
    (ch) =>
      NAMED[ch] ?? (ch.charCodeAt(0) < 0x100 ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** ANSI and control characters gone; tabs and newlines kept. */
export function plainText(s: string): string {
  return stripAnsi(s).replace(CONTROL, '');
}

/** One line: newlines and tabs become spaces too. */
export function oneLine(s: string): string {
  return plainText(s)
    .replace(/\s*[\r\n\t]+\s*/g, ' ')
    .trim();
}

export function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
