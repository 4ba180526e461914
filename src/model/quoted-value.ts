/**
 * How a diagnostic quotes a value from the record (`got "1990-02-30"`): written here only, so
 * that masking (redact/redact-report.ts) finds every quoted value again and masks it by the field
 * the diagnostic points at. A record that fails validation never had its fields typed, so this
 * is the only way to tell a date of birth from any other date in its messages.
 */
export function gotValue(value: unknown): string {
  return `got ${JSON.stringify(value)}`;
}

const GOT = /\bgot ("(?:[^"\\]|\\.)*")/g;

/** Each quoted value replaced by what `mask` makes of it (given the value itself, unquoted). */
export function replaceGotValues(text: string, mask: (value: string) => string): string {
  if (!text.includes('got "')) return text;
  return text.replace(GOT, (_, quoted: string) => `got ${mask(unquote(quoted))}`);
}

/** A report read back (merge) may hold a hand-edited message: a quote that is not JSON is masked as written. */
function unquote(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
