import type { Document, LineCounter } from 'yaml';
import type { Diagnostic, DiagnosticCode } from '../model/diagnostic.js';
import { yamlLib } from '../util/lazy-yaml.js';
import { lookupTable } from '../util/lookup-table.js';

/** A parsed YAML file that can answer "where is the node at these keys?" for diagnostics. */
export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  value: unknown;
  errors: Diagnostic[];
  /** Positions of top-level keys' values known without parsing (from the build-time rule cache). */
  topKeyPositions?: Record<string, { line: number; column: number }>;
}

export const MAX_RULE_FILE_BYTES = 1_000_000;

const MAX_ALIAS_COUNT = 100;

const YAML_HINTS: Record<string, string> = lookupTable({
  DUPLICATE_KEY: 'a key may appear once per mapping: remove or rename one of them',
  MULTIPLE_DOCS: "one rule or list per file: split the file at '---'",
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'line up the indentation of items at the same level',
});

export function parseYamlSource(file: string, text: string): YamlSource {
  const { LineCounter, parseDocument, visit } = yamlLib();
  const lineCounter = new LineCounter();
  // uniqueKeys rejects duplicate keys; maxAliasCount (below) keeps "billion laughs" files from expanding.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const errors: Diagnostic[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    const what =
      e.code === 'DUPLICATE_KEY'
        ? `duplicate key '${text.slice(e.pos[0]).split(/[:\n]/)[0]!.trim()}'`
        : `${e.code.toLowerCase().replace(/_/g, ' ')}: ${e.message.split('\n')[0]}`;
    return { code: 'yaml-syntax', severity: 'error', file, line: pos.line, column: pos.col, message: `YAML ${what}`, hint: YAML_HINTS[e.code] };
  });
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const message = (e as Error).message;
      const bomb = /excessive alias/i.test(message);
      let where = { line: 1, col: 1 };
      visit(doc, {
        Alias(_, node) {
          if (node.range) where = lineCounter.linePos(node.range[0]);
          return visit.BREAK;
        },
      });
      errors.push({
        code: 'yaml-syntax',
        severity: 'error',
        file,
        line: where.line,
        column: where.col,
        message: `YAML could not be expanded: ${bomb ? `aliases expand too far (more than ${MAX_ALIAS_COUNT} uses of an *alias); refused as a possible "billion laughs" file` : message}`,
        hint: bomb ? 'write the values out, or use anchors (&name) and aliases (*name) sparingly' : 'define each &anchor before the *alias that uses it',
      });
    }
  }
  return { file, doc, lineCounter, value, errors };
}

/** Line and column of the node at `keys`, falling back to the nearest ancestor that exists. */
export function positionOf(src: YamlSource, keys: Array<string | number>): { line: number; column: number } {
  const top = src.topKeyPositions;
  const known = keys.length === 1 && top && Object.hasOwn(top, String(keys[0])) ? top[String(keys[0])] : undefined;
  if (known) return known;
  const { isNode } = yamlLib();
  for (let n = keys.length; n >= 0; n--) {
    const node = src.doc.getIn(keys.slice(0, n), true);
    if (isNode(node) && node.range) {
      // For a missing key, point at the parent mapping; for a present key, at its value.
      const pos = src.lineCounter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

/** Line and column of the key itself (not its value) for the last of `keys`, when it is a map key. */
export function keyPositionOf(src: YamlSource, keys: Array<string | number>): { line: number; column: number } {
  const { isMap, isScalar } = yamlLib();
  const parent = src.doc.getIn(keys.slice(0, -1), true) ?? (keys.length === 1 ? src.doc.contents : undefined);
  const last = keys[keys.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
    if (pair && isScalar(pair.key) && pair.key.range) {
      const pos = src.lineCounter.linePos(pair.key.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return positionOf(src, keys);
}

export function diagnosticAt(
  src: YamlSource,
  keys: Array<string | number>,
  code: DiagnosticCode,
  message: string,
  extra: Partial<Diagnostic> = {},
): Diagnostic {
  const pos = positionOf(src, keys);
  return { code, severity: 'error', file: src.file, line: pos.line, column: pos.column, message, ...extra };
}

/** ajv's instancePath (/a/b/0) → keys, undoing JSON-pointer escapes. */
export function pointerToKeys(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

/**
 * A source whose value is already known (the build-time cache of the built-in rules): the text is
 * parsed only if a diagnostic needs a position the cache does not hold.
 */
export function preparsedYamlSource(file: string, text: string, value: unknown, topKeyPositions: Record<string, { line: number; column: number }>): YamlSource {
  let full: YamlSource | undefined;
  const parsed = () => (full ??= parseYamlSource(file, text));
  return {
    file,
    value,
    errors: [],
    topKeyPositions,
    get doc() {
      return parsed().doc;
    },
    get lineCounter() {
      return parsed().lineCounter;
    },
  };
}
