import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { validateApplicant } from '../../../src/validate/validate-applicant.js';

// JSON shown in the docs is pasted by readers: `json` blocks must be JSON, and `jsonc` blocks must
// say they are annotated and become JSON once their comments are deleted.
const read = (name: string) => readFileSync(join(import.meta.dirname, '../../../docs', name), 'utf8');
const fences = (doc: string, lang: string) =>
  [...doc.matchAll(new RegExp(`^\`\`\`${lang}(?: [^\\n]*)?\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => ({ body: m[1]!, before: doc.slice(Math.max(0, m.index - 300), m.index) }));

/** Drop // comments outside strings. */
function stripComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else out += c;
  }
  return out;
}

test.each(['applicant-model.md', 'rules.md'])('docs/%s: every json block parses', (name) => {
  const blocks = fences(read(name), 'json');
  if (name === 'rules.md') expect(blocks.length).toBeGreaterThanOrEqual(2);
  for (const b of blocks) expect(() => JSON.parse(b.body), b.body.slice(0, 80)).not.toThrow();
});

test('docs/applicant-model.md: the annotated record says so, and is a valid record once its comments are deleted', () => {
  const blocks = fences(read('applicant-model.md'), 'jsonc');
  expect(blocks).toHaveLength(1);
  const [record] = blocks;
  expect(record!.before).toMatch(/JSONC\): the `\/\/` comments are not JSON/);
  const value = JSON.parse(stripComments(record!.body)) as unknown;
  expect(validateApplicant(value).errors).toEqual([]);
});
