import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { BUILTIN_RULES_DIR } from '../../../src/ruleset/load.js';
import { discoverRuleFiles } from '../../../src/ruleset/discover.js';
import { yamlSourceFor } from '../../../src/ruleset/rule-cache.js';
import { parseYamlSource, positionOf } from '../../../src/yaml/yaml-source.js';

// The build (npm test runs it first) writes dist/rules-cache.json from the built-in rule files.
const files = discoverRuleFiles([BUILTIN_RULES_DIR]).files;

describe('the build-time rule cache', () => {
  test('gives every built-in file the value and key positions a parse gives', () => {
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const cached = yamlSourceFor(file, text);
      const parsed = parseYamlSource(file, text);
      // Came from the cache: positions known without a parse.
      expect(cached.topKeyPositions, file).toBeDefined();
      expect(cached.value, file).toEqual(parsed.value);
      for (const key of Object.keys(parsed.value as object)) expect(positionOf(cached, [key]), `${file} ${key}`).toEqual(positionOf(parsed, [key]));
    }
  });

  test('hands each caller its own copy: a loader that changes one does not change the next', () => {
    const text = readFileSync(files[0]!, 'utf8');
    const first = yamlSourceFor(files[0]!, text).value as Record<string, unknown>;
    first.title = 'changed';
    expect((yamlSourceFor(files[0]!, text).value as Record<string, unknown>).title).not.toBe('changed');
  });

  test('parses a file whose text is not the built one', () => {
    const text = `${readFileSync(files[0]!, 'utf8')}\n# edited\n`;
    const src = yamlSourceFor(files[0]!, text);
    expect(src.topKeyPositions).toBeUndefined();
    expect(src.value).toEqual(parseYamlSource(files[0]!, text).value);
  });
});
