import type { Diagnostic, DiagnosticCode } from '../model/diagnostic.js';
import { isIanaTimeZone, isPlausibleDate } from '../util/dates.js';
import { lookupTable } from '../util/lookup-table.js';
import { gotValue } from '../model/quoted-value.js';

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
const CHECKS: Record<string, { syntax: RegExp; problem: (v: string) => { code: DiagnosticCode; message: string; hint?: string } | undefined }> = lookupTable({
  '#/definitions/date': {
    syntax: /^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/,
    problem: (v) => {
      if (!isPlausibleDate(v)) return { code: 'applicant-schema', message: 'is not a plausible date (no such day, or outside the years 1900–2100)' };
      // The model: a date, or a date-time WITH an offset. "10:00" alone could be any of 26 hours
      // in UTC, and the activity rules would read it in the wrong one.
      if (NO_OFFSET.test(v)) {
        return {
          code: 'applicant-date-offset',
          message: 'has a time but no UTC offset',
          hint: 'add the offset the source system used, e.g. 2026-11-10T10:00Z or 2026-11-10T10:00+09:00, or give the date alone',
        };
      }
      return undefined;
    },
  },
  '#/definitions/timezone': {
    syntax: /^[A-Za-z][A-Za-z0-9_+/-]{0,63}$/,
    problem: (v) => (isIanaTimeZone(v) ? undefined : { code: 'applicant-schema', message: 'is not an IANA time zone (e.g. America/New_York)' }),
  },
});

const NO_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

type Step = string | number;
/** Visits one value at one schema location; `at` is the keys from the record's root. */
type Visit = (v: unknown, at: Step[], out: Diagnostic[]) => void;

/**
 * The walk runs on every record, and most of the schema holds no date or time zone: it is
 * compiled once per schema into visitors for only the locations that lead to one, in the schema's
 * order (the order of the diagnostics). Paths are spelled out only for a value that fails.
 */
export function meaningChecks(schema: SchemaLike, value: unknown): Diagnostic[] {
  let visit = COMPILED.get(schema);
  if (visit === undefined) {
    visit = compile(schema, schema, new Map());
    COMPILED.set(schema, visit);
  }
  const out: Diagnostic[] = [];
  if (visit) visit(value, [], out);
  return out;
}

const COMPILED = new WeakMap<SchemaLike, Visit | null>();

function compile(schema: SchemaLike, node: SchemaLike | undefined, refs: Map<string, Visit | null>): Visit | null {
  if (!node) return null;
  if (node.$ref) {
    const check = CHECKS[node.$ref];
    if (check) {
      return (v, at, out) => {
        if (v === undefined || v === null) return;
        if (typeof v !== 'string' || !check.syntax.test(v)) return;
        const p = check.problem(v);
        if (p)
          out.push({
            code: p.code,
            severity: 'error',
            message: `${pathText(at)}: ${p.message} (${gotValue(v)})`,
            path: pointerText(at),
            ...(p.hint ? { hint: p.hint } : {}),
          });
      };
    }
    const ref = node.$ref;
    if (refs.has(ref)) return refs.get(ref)!;
    // A definition that refers to itself: visit through a cell filled once it is compiled.
    let inner: Visit | null = null;
    refs.set(ref, (v, at, out) => inner?.(v, at, out));
    inner = compile(schema, schema.definitions?.[ref.replace('#/definitions/', '')], refs);
    refs.set(ref, inner);
    return inner;
  }
  const props: Array<{ key: string; visit: Visit }> = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const visit = compile(schema, child, refs);
    if (visit) props.push({ key, visit });
  }
  const items = node.items ? compile(schema, node.items, refs) : null;
  // As in JSON Schema: `properties` speaks to objects, `items` to arrays.
  const hasProps = node.properties !== undefined;
  if (props.length === 0 && !items) return null;
  return (v, at, out) => {
    if (v === undefined || v === null || typeof v !== 'object') return;
    if (hasProps && !Array.isArray(v)) {
      for (const p of props) {
        const cv = (v as Record<string, unknown>)[p.key];
        if (cv === undefined) continue;
        at.push(p.key);
        p.visit(cv, at, out);
        at.pop();
      }
    } else if (items && Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        at.push(i);
        items(v[i], at, out);
        at.pop();
      }
    }
  };
}

function pathText(at: Step[]): string {
  let path = '';
  for (const k of at) path = typeof k === 'number' ? `${path}[${k}]` : path ? `${path}.${k}` : k;
  return path;
}

function pointerText(at: Step[]): string {
  return at.map((k) => `/${k}`).join('');
}
