import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lookupTable } from '../../../src/util/lookup-table.js';

/**
 * A lint kept as a test, over the whole src tree: a table that data can index must not inherit
 * from Object.prototype ("12 Constructor Way" once found `Object.prototype.constructor` in the
 * street-word table and ended the run). A module-level constant typed as a string-keyed record
 * (`Record<…>`, `Partial<Record<…>>`, `{ [k: string]: … }`) and initialised with an object literal
 * must be built with lookupTable() or be a Map; `key in TABLE` is allowed only on such a table.
 */
const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const TABLE_DECL =
  /^(?:export )?(?:const|let) ([A-Za-z_$][\w$]*)\s*:\s*(?:Readonly<)?(?:Partial<)?(?:Record<|\{\s*\[\w+\s*:\s*string\])[^\n]*?\s=(?![>=])\s*(\S[^\n]*)$/gm;
const IN_TABLE = /\bin ([A-Z][A-Z0-9_]+)\b/g;

export function offendingTables(text: string): string[] {
  const out: string[] = [];
  const safe = new Set<string>();
  for (const m of text.matchAll(TABLE_DECL)) {
    const [, name, init] = m;
    if (init!.startsWith('lookupTable(') || init!.startsWith('new Map')) safe.add(name!);
    else if (init!.startsWith('{')) out.push(`${name} is an object literal: wrap it in lookupTable(…) or use a Map`);
  }
  for (const m of text.matchAll(IN_TABLE)) {
    const name = m[1]!;
    if (!safe.has(name) && new RegExp(`^(?:export )?const ${name}\\b[^\\n]*=\\s*\\{`, 'm').test(text))
      out.push(`'… in ${name}' on an object literal: use lookupTable(…) or a Map`);
  }
  return out;
}

describe('lookup tables from data', () => {
  test('lookupTable has no inherited keys', () => {
    const t = lookupTable({ street: 'st' } as Record<string, string>);
    expect(t['street']).toBe('st');
    expect(t['constructor']).toBeUndefined();
    expect(t['__proto__']).toBeUndefined();
    expect('toString' in t).toBe(false);
  });

  test('the check finds a plain table and accepts a wrapped one', () => {
    expect(offendingTables("const WORDS: Record<string, string> = {\n  a: 'b',\n};")).toHaveLength(1);
    expect(offendingTables("const WORDS: Record<string, string> = lookupTable({ a: 'b' });")).toEqual([]);
    expect(offendingTables('const WORDS = { a: 1 };\nif (k in WORDS) x();')).toHaveLength(1);
  });

  test('every string-keyed table in src/ is a null-prototype object or a Map', () => {
    const problems = tsFiles(SRC).flatMap((f) => offendingTables(readFileSync(f, 'utf8')).map((p) => `${relative(SRC, f)}: ${p}`));
    expect(problems).toEqual([]);
  });
});
