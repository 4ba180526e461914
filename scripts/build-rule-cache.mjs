// Build step: parse the built-in rule files once and store their values, keyed by a hash of the
// text, in dist/rules-cache.json (see src/ruleset/rule-cache.ts). Runs after tsc.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { parseYamlSource, positionOf } = await import(join(root, 'dist/yaml/yaml-source.js'));
const { textKey } = await import(join(root, 'dist/ruleset/rule-cache.js'));
const { discoverRuleFiles } = await import(join(root, 'dist/ruleset/discover.js'));

const entries = {};
for (const file of discoverRuleFiles([join(root, 'rules')]).files) {
  const text = readFileSync(file, 'utf8');
  const src = parseYamlSource(file, text);
  // Files with problems are left out: the loader parses them and reports the problem in full.
  if (src.errors.length || typeof src.value !== 'object' || src.value === null) continue;
  const positions = {};
  for (const key of Object.keys(src.value)) positions[key] = positionOf(src, [key]);
  // The value as JSON text: parsed on a hit, which is a fresh copy for the caller to keep (cheaper
  // than parsing every value with the file and cloning the one asked for).
  entries[textKey(text)] = { json: JSON.stringify(src.value), positions };
}
writeFileSync(join(root, 'dist', 'rules-cache.json'), JSON.stringify({ format: 2, entries }));
