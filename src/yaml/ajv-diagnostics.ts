import type { Diagnostic, DiagnosticCode } from '../model/diagnostic.js';
import { describeAjvError, type ErrorObject } from '../validate/ajv.js';
import { closest } from '../util/closest.js';
import { diagnosticAt, keyPositionOf, pointerToKeys, type YamlSource } from './yaml-source.js';

/**
 * ajv errors → positioned diagnostics. oneOf/anyOf produce one error per branch; we keep the
 * most specific ones so a typo shows as one line, not a schema dump. `schema` (the validator's
 * root schema) lets a misspelt key get a "did you mean": prebuilt validators carry no parentSchema.
 */
export function ajvDiagnostics(src: YamlSource, errors: ErrorObject[], code: DiagnosticCode, ruleId?: string, schema?: Record<string, unknown>): Diagnostic[] {
  const branches = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  // With oneOf [string, object], an object with a typo fails both branches; "must be string" is
  // noise next to the object branch's own complaint at or below the same place.
  const useful = branches.filter(
    (e) =>
      e.keyword !== 'type' ||
      !branches.some((o) => o !== e && o.keyword !== 'type' && (o.instancePath === e.instancePath || o.instancePath.startsWith(`${e.instancePath}/`))),
  );
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of useful.length ? useful : errors) {
    const keys = pointerToKeys(e.instancePath);
    const p = e.params as Record<string, unknown>;
    let hint: string | undefined;
    if (e.keyword === 'additionalProperties') {
      keys.push(String(p.additionalProperty));
      const parent = (e.parentSchema ?? schemaAt(schema, e.schemaPath)) as { properties?: Record<string, unknown> } | undefined;
      const allowed = Object.keys(parent?.properties ?? {});
      const guess = closest(String(p.additionalProperty), allowed);
      hint = guess ? `did you mean '${guess}'?` : allowed.length ? `allowed here: ${allowed.join(', ')}` : undefined;
    }
    const value = e.keyword === 'enum' ? src.doc.getIn(keys) : undefined;
    if (typeof value === 'string') {
      const guess = closest(value, (p.allowedValues as unknown[]).map(String));
      if (guess) hint = `did you mean '${guess}'?`;
    }
    const where = keys.length ? keys.join('.') : '(top level)';
    const message = `${where}: ${describeAjvError(e)}`;
    if (seen.has(message)) continue;
    seen.add(message);
    const d = diagnosticAt(src, keys, code, message, { ruleId, hint, path: e.instancePath || '/' });
    // An unknown key is best shown where the key is written, not at its (possibly next-line) value.
    if (e.keyword === 'additionalProperties') Object.assign(d, keyPositionOf(src, keys));
    out.push(d);
  }
  return out;
}

/** The schema node an error's schemaPath points into (its parent keyword's object). */
function schemaAt(root: Record<string, unknown> | undefined, schemaPath: string): Record<string, unknown> | undefined {
  let node: unknown = root;
  const parts = schemaPath.replace(/^#\/?/, '').split('/').slice(0, -1);
  for (const part of parts) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : undefined;
}
