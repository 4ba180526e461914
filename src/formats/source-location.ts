import type { SourceLocation } from '../model/source-location.js';

/** The place of a run error: its record's location, or the line of its first positioned diagnostic. */
export function errorLocation(e: { location: SourceLocation; diagnostics: Array<{ file?: string; line?: number }> }): SourceLocation {
  const at = e.location;
  if (at.line !== undefined) return at;
  const d = e.diagnostics.find((x) => x.line !== undefined);
  return d?.line !== undefined && at.index === undefined ? { ...at, line: d.line } : at;
}
