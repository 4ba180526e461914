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

/**
 * How a warning names a value of a record that was checked: the field's path, then the value quoted
 * (`contact.phones[0] "ask for Li"`, shortened past `max` characters). Written here only, so that
 * masking finds it again by that path (replaceFieldValues), in a single run and in a merged report
 * alike (which keeps a warning's text but not its path): an unreadable phone number or a malformed
 * IP address has no shape the shape pass could know it by.
 */
export function fieldValue(path: string, value: string, max: number): string {
  return `${path} ${JSON.stringify(value.length > max ? `${value.slice(0, max - 3)}…` : value)}`;
}

/**
 * A field path (`network.sessions[0].ip`: at least one `.` or `[`) followed by a quoted value. Each
 * repetition starts with `.` or `[`, so there is one way to read a path: warnings may quote text a
 * record holds, and an ambiguous pattern would backtrack on it exponentially.
 */
const FIELD_VALUE = /(?<![\w.\]])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\d+\])+) ("(?:[^"\\]|\\.)*")/g;

/** Each value quoted after its field's path replaced by what `mask` makes of it (given the path and the unquoted value). */
export function replaceFieldValues(text: string, mask: (path: string, value: string) => string): string {
  if (!text.includes(' "')) return text;
  return text.replace(FIELD_VALUE, (_, path: string, quoted: string) => `${path} ${mask(path, unquote(quoted))}`);
}
