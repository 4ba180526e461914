import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../../src/model/diagnostic.js';

// Every code a user can see is documented in docs/errors.md with an example and the fix, the way
// eemeli/yaml documents its error codes; users and tools branch on the code, not on wording.
const root = join(import.meta.dirname, '../../..');
const doc = readFileSync(join(root, 'docs/errors.md'), 'utf8');
const entries = new Map([...doc.matchAll(/^### `([a-z0-9-]+)`\n([\s\S]*?)(?=^##|(?![\s\S]))/gm)].map((m) => [m[1]!, m[2]!]));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

test('every diagnostic code has an entry in docs/errors.md, and every entry names a code', () => {
  expect(DIAGNOSTIC_CODES.filter((c) => !entries.has(c))).toEqual([]);
  expect([...entries.keys()].filter((c) => !(DIAGNOSTIC_CODES as readonly string[]).includes(c))).toEqual([]);
});

test('every code written in src/ is a known code (so the docs check above covers it)', () => {
  // `code: 'x'`, diagnosticAt(src, keys, 'x', …), `code === 'x'`: a quoted code-like word in a place
  // where a code is written (argument, comparison, conditional), not in a list of other names.
  const used = new Set<string>();
  const family = '(?:yaml|rule|input|config|list|record|allow-list|report|applicant)-[a-z0-9-]+';
  const pattern = new RegExp(`code: '([a-z0-9-]+)'|(?:, |=== |\\? |: )'(${family})'`, 'g');
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(pattern)) used.add(m[1] ?? m[2]!);
  }
  // Not diagnostic codes: SARIF/JUnit fall back to this type name for an input error without one.
  used.delete('input-invalid');
  // An input format name (src/read/adapters/registry.ts), compared like a code.
  used.delete('applicant-csv');
  const known = new Set<string>(DIAGNOSTIC_CODES);
  expect(used.size).toBeGreaterThan(30);
  expect([...used].filter((c) => !known.has(c))).toEqual([]);
});

test('each entry gives severity, an example showing the code, and the fix', () => {
  const bad: string[] = [];
  for (const [code, body] of entries) {
    if (!/^(error|warning)/m.test(body)) bad.push(`${code}: no severity`);
    const example = /```\n([\s\S]*?)```/.exec(body);
    if (!example) bad.push(`${code}: no example`);
    else if (code !== 'input-skipped' && !example[1]!.includes(` ${code}: `)) bad.push(`${code}: example does not show the code`);
    if (!/^Fix: \S/m.test(body)) bad.push(`${code}: no fix`);
  }
  expect(bad).toEqual([]);
});
