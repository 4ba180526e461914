/**
 * Machine formats carry text typed by people (names, notes) and by rule authors: strip terminal
 * escape sequences and control characters, which mean nothing in a file and can forge lines in a
 * CI log, before each format applies its own escaping.
 */
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** ANSI and control characters gone; tabs and newlines kept. */
export function plainText(s: string): string {
  return stripAnsi(s).replace(CONTROL, '');
}

/** One line: newlines and tabs become spaces too. */
export function oneLine(s: string): string {
  return plainText(s).replace(/\s*[\r\n\t]+\s*/g, ' ').trim();
}

export function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
