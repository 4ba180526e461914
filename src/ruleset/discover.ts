import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';

/**
 * Every .yaml/.yml file under the given paths, sorted so load order never depends on the disk.
 * A file reached twice (a pack named twice, or a file inside a named directory) is listed once, and
 * a directory reached twice (a link back up the tree, `loop -> .`) is walked once.
 */
export function discoverRuleFiles(paths: string[]): { files: string[]; skipped: string[]; missing: string[] } {
  const files: string[] = [];
  const skipped: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const walked = new Set<string>();
  // `isDir` is known from the directory listing (no stat per file); a link or a named path is stat'ed.
  const visit = (p: string, isDir?: boolean): void => {
    if (isDir === undefined) {
      try {
        isDir = statSync(p).isDirectory();
      } catch {
        missing.push(p);
        return;
      }
    }
    if (isDir) {
      let real = p;
      try {
        real = realpathSync(p);
      } catch {
        // walked under its own name
      }
      if (walked.has(real)) return;
      walked.add(real);
      for (const e of readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        visit(join(p, e.name), e.isSymbolicLink() ? undefined : e.isDirectory());
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
