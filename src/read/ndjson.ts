import type { InputRecord } from './input-record.js';
import { sourceText } from '../model/source-location.js';
import type { RawLine } from './line-reader.js';
import { MAX_LINE_BYTES } from './line-reader.js';
import { describeJson, failure } from './json-document.js';
import { jsonErrorOffset, lineColumn } from './json-syntax.js';
import { DEFAULT_LIMITS, textOverLimit, type InputLimits } from './input-limits.js';

const MB = 1024 * 1024;

export const LIMIT_HINT = 'input limits are in README "The input"; raise one with --input-limit NAME=NUMBER if this record is genuine';

/** One NDJSON line → one record with source `file#line`. Never throws. */
export function lineRecord(file: string, raw: RawLine, limits: InputLimits = DEFAULT_LIMITS): InputRecord {
  const location = { file, line: raw.line };
  const source = sourceText(location);
  if ('tooLong' in raw) {
    return failure(
      location,
      'input-too-large',
      `line ${raw.line} is ${(raw.tooLong / MB).toFixed(0)} MB; one record may be at most ${MAX_LINE_BYTES / MB} MB`,
      {
        line: raw.line,
        hint: 'is a newline missing between records?',
      },
    );
  }
  const warnings = raw.warning ? { warnings: [raw.warning] } : {};
  // Refused before JSON.parse: parsing and validating a 60 MB line costs seconds and gigabytes.
  const over = textOverLimit(raw.text.length, limits);
  if (over) return { ...failure(location, 'input-limit', `line ${raw.line}: ${over}`, { line: raw.line, hint: LIMIT_HINT }), ...warnings };
  let value: unknown;
  try {
    value = JSON.parse(raw.text);
  } catch {
    const { offset, message } = jsonErrorOffset(raw.text);
    const { column } = lineColumn(raw.text, offset);
    return { ...failure(location, 'input-not-json', `line ${raw.line} is not valid JSON: ${message}`, { line: raw.line, column }), ...warnings };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ...failure(location, 'input-not-object', `line ${raw.line} holds ${describeJson(value)}, not an applicant object`, { line: raw.line }),
      ...warnings,
    };
  }
  return { source, location, file, line: raw.line, value, text: raw.text, ...warnings };
}
