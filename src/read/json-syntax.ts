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
