import type AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packagePath } from '../util/package-root.js';
import { AJV_OPTIONS, schemaHash } from './ajv-options.js';
import { requireVendored } from '../util/vendor.js';

// ajv is CommonJS; its class is the module or its default export. Loaded on first compile: a
// check whose validators were prebuilt (npm run build) never compiles a schema.
type AjvClass = typeof AjvModule.default;
let AjvLoaded: AjvClass | undefined;
function ajvClass(): AjvClass {
  if (!AjvLoaded) {
    const m = requireVendored<{ default?: AjvClass } & AjvClass>('ajv').lib;
    AjvLoaded = m.default ?? m;
  }
  return AjvLoaded;
}

export { AJV_OPTIONS };

/** Our own schemas only (applicant, rule, list): never a schema taken from a rule file. */
export function makeAjv(allErrors: boolean) {
  const Ajv = ajvClass();
  return new Ajv({ allErrors, ...AJV_OPTIONS });
}

export function readSchema(name: string): Record<string, unknown> {
  return JSON.parse(schemaText(name)) as Record<string, unknown>;
}

function schemaText(name: string): string {
  return readFileSync(packagePath('schemas', name), 'utf8');
}

const cache = new Map<string, ValidateFunction>();
const requireHere = createRequire(import.meta.url);

/**
 * `npm run build` writes each schema's validator as standalone code next to this module
 * (scripts/build-validators.mjs); loading it skips ajv's compile step, the largest part of a
 * cold start. It is used only when it was built from the schema as it is now (its schemaHash);
 * otherwise (no build, or the schema edited since) the schema is compiled here.
 */
export function loadPrebuilt(file: string, text: string): ValidateFunction | undefined {
  if (!existsSync(file)) return undefined;
  const mod = requireHere(file) as { default?: ValidateFunction; schemaHash?: unknown } & ValidateFunction;
  if (mod.schemaHash !== schemaHash(text)) return undefined;
  return mod.default ?? mod;
}

export function generatedValidatorPath(name: string): string {
  return packagePath('dist', 'validate', 'generated', `${name.replace('.schema.json', '')}.cjs`);
}

export function validatorFor(name: string, allErrors: boolean): ValidateFunction {
  const key = `${name}:${allErrors}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const text = schemaText(name);
  const v =
    (allErrors ? loadPrebuilt(generatedValidatorPath(name), text) : undefined) ?? makeAjv(allErrors).compile(JSON.parse(text) as Record<string, unknown>);
  cache.set(key, v);
  return v;
}

export type { ErrorObject };

/** ajv's error in words a rule author or HR user can act on. */
export function describeAjvError(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `missing required field '${String(p.missingProperty)}'`;
    case 'additionalProperties':
      return `unknown field '${String(p.additionalProperty)}'`;
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      if (e.schemaPath.includes('/definitions/date/')) return 'is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM, YYYY, or a date-time with offset)';
      if (e.schemaPath.includes('/definitions/country/')) return 'must be an ISO 3166-1 alpha-2 country code in upper case (e.g. US)';
      if (e.schemaPath.includes('/definitions/timezone/')) return 'is not an IANA time zone (e.g. America/New_York)';
      if (e.schemaPath.includes('/definitions/email/')) return 'is not an e-mail address';
      return `must match ${String(p.pattern)}`;
    case 'maxLength':
      return `is too long (more than ${String(p.limit)} characters)`;
    case 'maxItems':
      return `has too many items (more than ${String(p.limit)})`;
    default:
      return e.message ?? e.keyword;
  }
}
