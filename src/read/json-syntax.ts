export interface JsonError {
  offset: number;
  message: string;
  /** In a top-level array: the element the error is in (or, when that element is complete, after). */
  element?: { index: number; offset: number; complete: boolean };
}

/**
 * Finds where JSON text first goes wrong. V8's JSON.parse message on Node 20 gives no position,
 * and "not valid JSON" alone does not help anyone fix a hand-written file. Only run after
 * JSON.parse has failed, so speed does not matter; correctness on valid prefixes does.
 *
 * Iterative, with an explicit stack of open containers: the text is hostile by definition (it
 * just failed to parse), and a recursive descent overflows the call stack on a line of 8,000
 * opening brackets.
 */
export function jsonErrorOffset(text: string): JsonError {
  let i = 0;
  let element: JsonError['element'];
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (message: string): never => {
    throw { offset: i, message, ...(element ? { element } : {}) };
  };
  const string = (): void => {
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') i += 2;
      else if (c < ' ') fail('control character inside a string (escape newlines as \\n)');
      else i++;
    }
    fail('unterminated string');
  };
  /** A scalar, or the opening of a container (pushed); false when the value is complete. */
  const open: Array<'{' | '['> = [];
  const startValue = (): void => {
    ws();
    const c = text[i];
    if (c === undefined) fail('unexpected end of input');
    if (c === '{' || c === '[') {
      i++;
      open.push(c);
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
        open.pop();
        return;
      }
      if (c === '{') key();
      else if (text[i] === ']') fail('trailing comma before ]');
      else pendingValue = true;
      return;
    }
    if (c === '"') return string();
    const lit = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (lit) {
      i += lit[0].length;
      return;
    }
    fail(c === "'" ? 'strings must use double quotes' : `unexpected character '${c}'`);
  };
  /** Inside an object, at a key: read `"key":`, leaving a value to read. */
  const key = (): void => {
    ws();
    if (text[i] !== '"') fail(text[i] === '}' ? 'trailing comma before }' : 'expected a "quoted" key');
    string();
    ws();
    if (text[i] !== ':') fail("expected ':' after the key");
    i++;
    pendingValue = true;
  };
  let pendingValue = true;
  try {
    while (pendingValue) {
      pendingValue = false;
      // A value directly inside a top-level array is an element: where it starts names it.
      if (open.length === 1 && open[0] === '[') {
        ws();
        element = { index: (element?.index ?? -1) + 1, offset: i, complete: false };
      }
      startValue();
      // Close every container the value just completed, then move to the next member.
      while (!pendingValue && open.length) {
        if (element && open.length === 1) element.complete = true;
        const top = open[open.length - 1]!;
        const close = top === '{' ? '}' : ']';
        ws();
        if (text[i] === ',') {
          i++;
          if (top === '{') key();
          else {
            ws();
            if (text[i] === ']') fail('trailing comma before ]');
            pendingValue = true;
          }
        } else if (text[i] === close) {
          i++;
          open.pop();
        } else fail(text[i] === undefined ? `unexpected end of input: missing ${close}` : `expected ',' or '${close}'`);
      }
      // The top-level array is closed: what follows is in no element.
      if (open.length === 0) element = undefined;
    }
    ws();
    if (i < text.length) fail('unexpected text after the end of the JSON value');
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'offset' in e) return e as JsonError;
    throw e;
  }
  return { offset: 0, message: 'not valid JSON' };
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      last = k;
    }
  }
  return { line, column: offset - last };
}

/** Where one element of a JSON array sits in its text: [start, end), and the line and column (1-based) of its first character. */
export interface ElementSpan {
  start: number;
  end: number;
  line: number;
  column: number;
}

/**
 * The elements of a top-level JSON array, in order, in text JSON.parse has accepted (nothing is
 * checked here): one pass over the characters counting lines, one element's place in hand at a
 * time. Strings are skipped with indexOf (they hold no raw newline in valid JSON); a quote in one is
 * escaped when an odd run of backslashes comes before it.
 */
export function* arrayElements(text: string): Generator<ElementSpan> {
  const n = text.length;
  let i = text.indexOf('[');
  if (i < 0) return;
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < i; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  let depth = 0;
  let start = -1;
  let startLine = 0;
  let startColumn = 0;
  // Just past the element's last character that is not white space.
  let end = -1;
  for (i++; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    if (depth === 0 && (c === 0x2c || c === 0x5d)) {
      // `,` or the array's own `]`
      if (start >= 0) yield { start, end, line: startLine, column: startColumn };
      if (c === 0x5d) return;
      start = -1;
      continue;
    }
    if (start < 0) {
      start = i;
      startLine = line;
      startColumn = i - lineStart + 1;
    }
    if (c === 0x22) {
      const q = stringEnd(text, i);
      if (q < 0) return;
      i = q;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
    end = i + 1;
  }
}

/** Past the escape-aware closing quote of the string that opens at `i`; -1 when there is none. */
function stringEnd(text: string, i: number): number {
  let q = i;
  for (;;) {
    q = text.indexOf('"', q + 1);
    if (q < 0) return -1;
    let b = q - 1;
    while (text.charCodeAt(b) === 0x5c) b--;
    if ((q - 1 - b) % 2 === 0) return q;
  }
}

/** Whether the first character after `k` that is not white space is a `:` (the string before `k` is a key). */
function colonAt(text: string, k: number): boolean {
  let c = text.charCodeAt(k);
  while (c === 32 || c === 9 || c === 10 || c === 13) c = text.charCodeAt(++k);
  return c === 0x3a;
}

/**
 * The keys written in JSON text that JSON.parse has accepted: every string followed by `:`. One pass
 * from quote to quote with indexOf, nothing allocated: it runs on every record. JSON.parse keeps the
 * last of two equal keys in one object, so a parsed value with fewer keys than this had duplicates,
 * and only then is duplicateKeys run to say which and where.
 */
export function writtenKeyCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0;) {
    const q = stringEnd(text, i);
    if (q < 0) break;
    if (colonAt(text, q + 1)) n++;
    i = text.indexOf('"', q + 1);
  }
  return n;
}

export interface DuplicateKey {
  /** The key as JSON.parse reads it (escapes decoded: "a" and "\u0061" are one key). */
  key: string;
  /** Offsets in the text of the repeated key's quote and of its first occurrence. */
  offset: number;
  first: number;
  /** Steps from the root to the object that holds the key. */
  path: Array<string | number>;
}

/**
 * Every key an object of valid JSON text repeats, in text order (the first `max`), and how many
 * there are in all. Scans once with a stack of the keys seen in each open object.
 */
export function duplicateKeys(text: string, max = 5): { found: DuplicateKey[]; total: number } {
  const found: DuplicateKey[] = [];
  let total = 0;
  // Per open container: the keys of an object so far (with where each first is), undefined for an array.
  const seen: Array<Map<string, number> | undefined> = [];
  // Per open container: the key or index being read in it, so a container's path is steps[0 .. depth - 1].
  const steps: Array<string | number> = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      seen.push(c === 0x7b ? new Map() : undefined);
      steps.push(c === 0x7b ? '' : 0);
    } else if (c === 0x7d || c === 0x5d) {
      seen.pop();
      steps.pop();
    } else if (c === 0x2c) {
      const d = steps.length - 1;
      if (d >= 0 && seen[d] === undefined) steps[d] = (steps[d] as number) + 1;
    } else if (c === 0x22) {
      const q = stringEnd(text, i);
      if (q < 0) break;
      const keys = seen[seen.length - 1];
      if (keys && colonAt(text, q + 1)) {
        const key = JSON.parse(text.slice(i, q + 1)) as string;
        steps[steps.length - 1] = key;
        const first = keys.get(key);
        if (first === undefined) keys.set(key, i);
        else if (++total <= max) found.push({ key, offset: i, first, path: steps.slice(0, -1) });
      }
      i = q;
    }
  }
  return { found, total };
}
