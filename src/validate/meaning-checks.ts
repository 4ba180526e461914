import type { Diagnostic } from '../model/diagnostic.js';
import { isIanaTimeZone, isPlausibleDate } from '../util/dates.js';

/**
 * What a JSON Schema pattern cannot say: that 2026-02-30 does not exist, that a year is plausible
 * (1900–2100), that a time zone is in the zone database. Kept out of the schema so the schema
 * compiles to standalone code with no custom formats; run after the shape is known to be right.
 */
interface SchemaLike {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaLike>;
  items?: SchemaLike;
  definitions?: Record<string, SchemaLike>;
}

// `syntax` mirrors the schema pattern: a value that fails it already has the schema's message.
const CHECKS: Record<string, { syntax: RegExp; ok: (v: string) => boolean; message: string }> = {
  '#/definitions/date': {
    syntax: /^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/,
    ok: isPlausibleDate,
    message: 'is not a plausible date (no such day, or outside the years 1900–2100)',
  },
  '#/definitions/timezone': { syntax: /^[A-Za-z][A-Za-z0-9_+/-]{0,63}$/, ok: isIanaTimeZone, message: 'is not an IANA time zone (e.g. America/New_York)' },
};

export function meaningChecks(schema: SchemaLike, value: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (node: SchemaLike | undefined, v: unknown, path: string, pointer: string): void => {
    if (!node || v === undefined || v === null) return;
    if (node.$ref) {
      const check = CHECKS[node.$ref];
      if (check) {
        if (typeof v === 'string' && check.syntax.test(v) && !check.ok(v)) {
          out.push({ code: 'applicant-schema', severity: 'error', message: `${path}: ${check.message} (got ${JSON.stringify(v)})`, path: pointer });
        }
        return;
      }
      walk(schema.definitions?.[node.$ref.replace('#/definitions/', '')], v, path, pointer);
      return;
    }
    if (node.properties && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, child] of Object.entries(node.properties)) {
        const cv = (v as Record<string, unknown>)[k];
        if (cv !== undefined) walk(child, cv, path ? `${path}.${k}` : k, `${pointer}/${k}`);
      }
    } else if (node.items && Array.isArray(v)) {
      v.forEach((item, i) => walk(node.items, item, `${path}[${i}]`, `${pointer}/${i}`));
    }
  };
  walk(schema, value, '', '');
  return out;
}
