import AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { isIanaTimeZone, isPlausibleDate } from '../util/dates.js';
import { packagePath } from '../util/package-root.js';

// ajv is CommonJS; under NodeNext its default export arrives wrapped.
type AjvClass = typeof AjvModule.default;
const Ajv: AjvClass = (AjvModule as unknown as { default: AjvClass }).default ?? (AjvModule as unknown as AjvClass);

const EMAIL_ISH = /^[^\s@]{1,128}@[^\s@]{1,255}$/;

/**
 * Our own schemas only (applicant, rule, list): never a schema taken from a rule file.
 * Formats are plain functions, so no user text is compiled into code.
 */
export function makeAjv(allErrors: boolean) {
  const ajv = new Ajv({ allErrors, strict: true, allowUnionTypes: true });
  ajv.addFormat('plausible-date', { type: 'string', validate: isPlausibleDate });
  ajv.addFormat('iana-timezone', { type: 'string', validate: isIanaTimeZone });
  ajv.addFormat('email-ish', { type: 'string', validate: (s: string) => EMAIL_ISH.test(s) });
  return ajv;
}

export function readSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(packagePath('schemas', name), 'utf8')) as Record<string, unknown>;
}

const cache = new Map<string, ValidateFunction>();

export function validatorFor(name: string, allErrors: boolean): ValidateFunction {
  const key = `${name}:${allErrors}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const v = makeAjv(allErrors).compile(readSchema(name));
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
    case 'format':
      return p.format === 'plausible-date'
        ? 'is not a plausible ISO 8601 date (YYYY-MM-DD, YYYY-MM or a date-time with offset, years 1900–2100)'
        : p.format === 'iana-timezone'
          ? 'is not an IANA time zone (e.g. America/New_York)'
          : `is not a valid ${String(p.format)}`;
    case 'pattern':
      return e.schemaPath.includes('country') || String(p.pattern) === '^[A-Z]{2}$'
        ? 'must be an ISO 3166-1 alpha-2 country code in upper case (e.g. US)'
        : `must match ${String(p.pattern)}`;
    case 'maxLength':
      return `is too long (more than ${String(p.limit)} characters)`;
    case 'maxItems':
      return `has too many items (more than ${String(p.limit)})`;
    default:
      return e.message ?? e.keyword;
  }
}
