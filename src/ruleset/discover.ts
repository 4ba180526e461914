import { readdirSync, statSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';

/**
 * Every .yaml/.yml file under the given paths, sorted so load order never depends on the disk.
 * A file reached twice (a pack named twice, or a file inside a named directory) is listed once.
 */
export function discoverRuleFiles(paths: string[]): { files: string[]; skipped: string[]; missing: string[] } {
  const files: string[] = [];
  const skipped: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const visit = (p: string): void => {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        visit(join(p, name));
      }
      return;
    }
    const ext = extname(p).toLowerCase();
    if (ext === '.yaml' || ext === '.yml') {
      if (!seen.has(resolve(p))) files.push(p);
      seen.add(resolve(p));
    } else if (!['.md', '.txt', '.csv'].includes(ext) && !p.endsWith('LICENSE')) skipped.push(p);
  };
  for (const p of paths) visit(p);
  return { files, skipped, missing };
}
