import type { LineCounter, parseDocument } from 'yaml';
import { yamlLib } from '../util/lazy-yaml.js';
import type { Applicant } from '../model/applicant.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { describeAjvError, readSchema, validatorFor, type ErrorObject } from './ajv.js';
import { meaningChecks } from './meaning-checks.js';
import { closest } from '../util/closest.js';
import { omittedProblems } from '../model/omitted-problems.js';
import { gotValue } from '../model/quoted-value.js';

export interface ValidationResult {
  applicant?: Applicant;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export interface ValidateOptions {
  /** Unknown fields are errors (default) rather than warnings. */
  strict?: boolean;
  file?: string;
  /** The record's JSON text, to give line:column for each problem. */
  text?: string;
}

const MAX_MESSAGES = 20;
const MAX_POSITIONED_TEXT = 1024 * 1024;
let appSchema: Record<string, unknown> | undefined;

function fieldPath(e: ErrorObject): string {
  const keys = e.instancePath
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'additionalProperties') keys.push(String((e.params as { additionalProperty: string }).additionalProperty));
  if (e.keyword === 'required') keys.push(String((e.params as { missingProperty: string }).missingProperty));
  return keys.reduce((acc, k) => (/^\d+$/.test(k) ? `${acc}[${k}]` : acc ? `${acc}.${k}` : k), '');
}

/** Positions are looked up only when something is wrong: JSON text parsed again as YAML. */
function positioner(text: string | undefined) {
  // Parsing a multi-megabyte record again as YAML costs more than positions are worth; the
  // messages still name the field path (and the line, for NDJSON).
  if (!text || text.length > MAX_POSITIONED_TEXT) return () => ({});
  let doc: ReturnType<typeof parseDocument> | undefined;
  let lc: LineCounter | undefined;
  return (e: ErrorObject): { line?: number; column?: number } => {
    const { isNode, LineCounter, parseDocument } = yamlLib();
    if (!doc) {
      lc = new LineCounter();
      doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false });
    }
    const keys: Array<string | number> = e.instancePath
      .split('/')
      .slice(1)
      .map((k) => (/^\d+$/.test(k) ? Number(k) : k.replace(/~1/g, '/').replace(/~0/g, '~')));
    if (e.keyword === 'additionalProperties') {
      // Point at the unknown key itself, not its parent.
      const parent = doc.getIn(keys, true);
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      if (parent && typeof parent === 'object' && 'items' in parent) {
        const pair = (parent as { items: Array<{ key: unknown }> }).items.find((p) => isNode(p.key) && String((p.key as { value?: unknown }).value) === key);
        if (pair && isNode(pair.key) && pair.key.range) {
          const pos = lc!.linePos(pair.key.range[0]);
          return { line: pos.line, column: pos.col };
        }
      }
    }
    for (let n = keys.length; n >= 0; n--) {
      const node = doc.getIn(keys.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = lc!.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return {};
  };
}

/** The validate stage: schema-check one record. Pure apart from the cached validator. */
export function validateApplicant(value: unknown, options: ValidateOptions = {}): ValidationResult {
  const strict = options.strict ?? true;
  const validate = validatorFor('applicant.schema.json', true);
  const shapeOk = validate(value);
  const meaning = meaningChecks((appSchema ??= readSchema('applicant.schema.json')), value);
  if (shapeOk && meaning.length === 0) return { applicant: value as Applicant, errors: [], warnings: [] };
  const pos = positioner(options.text);
  const errors: Diagnostic[] = meaning.map((d) => ({
    ...d,
    file: options.file,
    ...pos({ instancePath: d.path ?? '', keyword: 'meaning', params: {} } as unknown as ErrorObject),
  }));
  const warnings: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of shapeOk ? [] : (validate.errors ?? [])) {
    if (e.keyword === 'if' || e.keyword === 'oneOf' || e.keyword === 'anyOf') continue;
    const path = fieldPath(e) || '(record)';
    const unknown = e.keyword === 'additionalProperties';
    const message = unknown ? `unknown field '${path}'` : `${path}: ${describeAjvError(e)}`;
    if (seen.has(message)) continue;
    seen.add(message);
    const d: Diagnostic = {
      code: unknown ? 'applicant-unknown-field' : 'applicant-schema',
      severity: unknown && !strict ? 'warning' : 'error',
      message,
      file: options.file,
      path: `/${path.replace(/\[(\d+)\]/g, '.$1').replace(/\./g, '/')}`,
      ...pos(e),
      hint: hintFor(e, unknown, strict),
    };
    (d.severity === 'error' ? errors : warnings).push(d);
  }
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  if (errors.length > MAX_MESSAGES) {
    const more = errors.length - MAX_MESSAGES;
    errors.splice(MAX_MESSAGES, more, omittedProblems(more, options.file));
  }
  return errors.length ? { errors, warnings } : { applicant: value as Applicant, errors, warnings };
}

/** What to do about a problem, where we can tell: the field meant, or the value expected. */
function hintFor(e: ErrorObject, unknown: boolean, strict: boolean): string | undefined {
  if (unknown) {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    const allowed = Object.keys((e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
    const guess = closest(key, allowed);
    const parent = e.instancePath
      .split('/')
      .slice(1)
      .map((k) => (/^\d+$/.test(k) ? `[${k}]` : `.${k}`))
      .join('')
      .replace(/^\./, '');
    if (guess) return `did you mean '${parent ? `${parent}.` : ''}${guess}'?`;
    return strict
      ? 'the applicant model has no such field (extensions go under "extra"); run `dprk-check schema` to see the model, or pass --no-strict to ignore unknown fields'
      : undefined;
  }
  if (e.keyword === 'pattern' && e.schemaPath.includes('/definitions/country/') && typeof e.data === 'string') {
    return `${gotValue(e.data)}; write the two-letter code, e.g. US, GB, DE`;
  }
  return undefined;
}
