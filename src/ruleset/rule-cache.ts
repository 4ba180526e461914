import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { packagePath } from '../util/package-root.js';
import { parseYamlSource, preparsedYamlSource, type YamlSource } from '../yaml/yaml-source.js';

/**
 * `npm run build` parses the built-in rule files once and stores their values (and where their
 * top-level keys sit) in dist/rules-cache.json, keyed by a hash of the file's text. Parsing YAML
 * is most of a cold start; a file whose text matches an entry skips it. Any other file — an
 * edited built-in, a team's own pack — is parsed as usual, so the cache can never be stale.
 */
interface CacheEntry {
  /** The parsed value as JSON: each hit parses its own copy, which the loader may change. */
  json: string;
  positions: Record<string, { line: number; column: number }>;
}

let cache: Map<string, CacheEntry> | null | undefined;

function entries(): Map<string, CacheEntry> | null {
  if (cache !== undefined) return cache;
  const file = packagePath('dist', 'rules-cache.json');
  cache = null;
  if (existsSync(file)) {
    try {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as { format?: number; entries: Record<string, CacheEntry> };
      // A cache written by another version of the build is not read (it only costs time).
      cache = doc.format === 2 ? new Map(Object.entries(doc.entries)) : null;
    } catch {
      cache = null; // a damaged cache only costs time
    }
  }
  return cache;
}

export function textKey(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

export function yamlSourceFor(file: string, text: string): YamlSource {
  const hit = entries()?.get(textKey(text));
  return hit ? preparsedYamlSource(file, text, JSON.parse(hit.json), hit.positions) : parseYamlSource(file, text);
}
