import { afterAll, describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import AjvModule from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { AJV_OPTIONS, schemaHash } from '../../../src/validate/ajv-options.js';
import { generatedValidatorPath, loadPrebuilt, validatorFor } from '../../../src/validate/ajv.js';
import { packagePath } from '../../../src/util/package-root.js';

type AjvClass = typeof AjvModule.default;
const Ajv: AjvClass = (AjvModule as unknown as { default: AjvClass }).default ?? (AjvModule as unknown as AjvClass);
const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as (ajv: unknown, v: unknown) => string;

const requireHere = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'dprk-prebuilt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What scripts/build-validators.mjs writes, for a given schema text. */
function generate(file: string, text: string): void {
  const ajv = new Ajv({ allErrors: true, ...AJV_OPTIONS, code: { source: true } });
  // Written outside the package: point its runtime requires at our ajv.
  const code = standaloneCode(ajv, ajv.compile(JSON.parse(text) as object)).replace(
    /require\("(ajv\/[^"]+)"\)/g,
    (_, m: string) => `require(${JSON.stringify(requireHere.resolve(m))})`,
  );
  writeFileSync(file, `${code}\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash(text))};\n`);
}

describe('generated validators are keyed by the schema they were built from', () => {
  const current = readFileSync(packagePath('schemas', 'applicant.schema.json'), 'utf8');
  const record = { id: 'a', name: { full: 'Ana Gomez' } };

  test('a validator built from an older schema is not used: the schema as it is now decides', () => {
    // The build ran when the schema required one more field; the schema has changed since.
    const older = JSON.parse(current) as { required: string[] };
    older.required = [...older.required, 'appliedAt'];
    const file = join(dir, 'applicant-old.cjs');
    generate(file, JSON.stringify(older));
    const stale = loadPrebuilt(file, JSON.stringify(older))!;
    expect(stale(record)).toBe(false);
    expect(loadPrebuilt(file, current)).toBeUndefined();
    expect(validatorFor('applicant.schema.json', true)(record)).toBe(true);
  });

  test('a validator built from this schema is used', () => {
    const file = join(dir, 'applicant-now.cjs');
    generate(file, current);
    expect(loadPrebuilt(file, current)).toBeTypeOf('function');
  });

  test('a generated file without a hash (an old build) is not used', () => {
    const file = join(dir, 'nohash.cjs');
    writeFileSync(file, 'module.exports = () => true;\n');
    expect(loadPrebuilt(file, current)).toBeUndefined();
  });

  test.skipIf(!existsSync(generatedValidatorPath('applicant.schema.json')))('npm run build writes the hash of the schema it compiled', () => {
    const text = readFileSync(generatedValidatorPath('applicant.schema.json'), 'utf8');
    expect(text).toMatch(/module\.exports\.schemaHash = "[0-9a-f]{64}";\n$/);
  });

  test('scripts/build-validators.mjs takes the ajv options from their one source', () => {
    const script = readFileSync(packagePath('scripts', 'build-validators.mjs'), 'utf8');
    expect(script).toMatch(/import \{ AJV_OPTIONS, schemaHash \} from '\.\.\/dist\/validate\/ajv-options\.js'/);
    expect(script).not.toMatch(/allowUnionTypes|verbose: true|strict: true/);
  });
});
