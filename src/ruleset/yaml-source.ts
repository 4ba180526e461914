import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { Diagnostic, DiagnosticCode } from '../model/diagnostic.js';

/** A parsed YAML file that can answer "where is the node at these keys?" for diagnostics. */
export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  value: unknown;
  errors: Diagnostic[];
}

export const MAX_RULE_FILE_BYTES = 1_000_000;

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  // uniqueKeys rejects duplicate keys; maxAliasCount keeps "billion laughs" files from expanding.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const errors: Diagnostic[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    const code = e.code === 'DUPLICATE_KEY' ? 'duplicate key' : e.code.toLowerCase().replace(/_/g, ' ');
    return { code: 'yaml-syntax', severity: 'error', file, line: pos.line, column: pos.col, message: `YAML ${code}: ${e.message.split('\n')[0]}` };
  });
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      errors.push({ code: 'yaml-syntax', severity: 'error', file, line: 1, column: 1, message: `YAML could not be expanded: ${(e as Error).message}` });
    }
  }
  return { file, doc, lineCounter, value, errors };
}

/** Line and column of the node at `keys`, falling back to the nearest ancestor that exists. */
export function positionOf(src: YamlSource, keys: Array<string | number>): { line: number; column: number } {
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
