// Build step: compile our own JSON Schemas (never rule content) to standalone validator code, so
// the CLI does not pay for ajv's compiler on every start. Runs after tsc in `npm run build`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
// Compiled by tsc just before this script: the options and the content key, from their one source.
import { AJV_OPTIONS, schemaHash } from '../dist/validate/ajv-options.js';

const Ajv = AjvModule.default ?? AjvModule;
const standaloneCode = standaloneModule.default ?? standaloneModule;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'validate', 'generated');
mkdirSync(outDir, { recursive: true });

// maxLength counts characters, not UTF-16 units, with ajv's ucs2length: a loop over every unit of
// every string, the résumé text included, on every record. A string without a high surrogate has
// one character per unit, which a regular expression finds far faster; the rest go through the
// same loop as ajv's. Same counts, so the same verdicts.
const AJV_UCS2 = 'require("ajv/dist/runtime/ucs2length")';
const FAST_UCS2 = `"use strict";
const ajvLength = require("ajv/dist/runtime/ucs2length").default;
const HIGH_SURROGATE = /[\\uD800-\\uDBFF]/;
exports.default = (str) => (HIGH_SURROGATE.test(str) ? ajvLength(str) : str.length);
`;
writeFileSync(join(outDir, 'ucs2length.cjs'), FAST_UCS2);

// With allErrors, the only prebuilt variant. Each file carries the hash of the schema text it was
// built from; src/validate/ajv.ts ignores a file whose hash no longer matches the schema.
for (const name of ['applicant', 'rule', 'list']) {
  const text = readFileSync(join(root, 'schemas', `${name}.schema.json`), 'utf8');
  const ajv = new Ajv({ allErrors: true, ...AJV_OPTIONS, code: { source: true } });
  const validate = ajv.compile(JSON.parse(text));
  const code = standaloneCode(ajv, validate).replaceAll(AJV_UCS2, 'require("./ucs2length.cjs")');
  writeFileSync(join(outDir, `${name}.cjs`), `${code}\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash(text))};\n`);
}
