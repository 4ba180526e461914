/** Where a record sits: `file#line` (NDJSON), `file[index]` (JSON array) or just `file`. */
export interface SourceLocation {
  file: string;
  line?: number;
  index?: number;
}

export function parseSource(source: string): SourceLocation {
  const hash = /^(.*)#(\d+)$/.exec(source);
  if (hash) return { file: hash[1]!, line: Number(hash[2]) };
  const idx = /^(.*)\[(\d+)\]$/.exec(source);
  if (idx) return { file: idx[1]!, index: Number(idx[2]) };
  return { file: source };
}

/** The file of a run error: its source, or the file of its first positioned diagnostic. */
export function errorLocation(e: { source: string; diagnostics: Array<{ file?: string; line?: number }> }): SourceLocation {
  const at = parseSource(e.source);
  if (at.line !== undefined) return at;
  const d = e.diagnostics.find((x) => x.line !== undefined);
  return d?.line !== undefined && at.index === undefined ? { ...at, line: d.line } : at;
}
