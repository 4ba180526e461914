import AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packagePath } from '../util/package-root.js';

// ajv is CommonJS; under NodeNext its default export arrives wrapped.
type AjvClass = typeof AjvModule.default;
const Ajv: AjvClass = (AjvModule as unknown as { default: AjvClass }).default ?? (AjvModule as unknown as AjvClass);

/** Options shared by runtime compilation and the build-time standalone validators. */
// verbose: errors carry parentSchema, which lets an unknown key be answered with "did you mean".
export const AJV_OPTIONS = { strict: true, allowUnionTypes: true, verbose: true } as const;

/** Our own schemas only (applicant, rule, list): never a schema taken from a rule file. */
export function makeAjv(allErrors: boolean) {
  return new Ajv({ allErrors, ...AJV_OPTIONS });
}

export function readSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(packagePath('schemas', name), 'utf8')) as Record<string, unknown>;
}

const cache = new Map<string, ValidateFunction>();
const requireHere = createRequire(import.meta.url);

/**
 * `npm run build` writes each schema's validator as standalone code next to this module
 * (scripts/build-validators.mjs); loading it skips ajv's compile step, the largest part of a
 * cold start. Without it (tests run from src/) the schema is compiled here.
 */
function prebuilt(name: string): ValidateFunction | undefined {
  const file = packagePath('dist', 'validate', 'generated', `${name.replace('.schema.json', '')}.cjs`);
  if (!existsSync(file)) return undefined;
  const mod = requireHere(file) as { default?: ValidateFunction } & ValidateFunction;
  return mod.default ?? mod;
}

export function validatorFor(name: string, allErrors: boolean): ValidateFunction {
  const key = `${name}:${allErrors}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const v = (allErrors ? prebuilt(name) : undefined) ?? makeAjv(allErrors).compile(readSchema(name));
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
