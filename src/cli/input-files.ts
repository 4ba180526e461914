import { createHash } from 'node:crypto';
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { InputFile } from '../model/history.js';

/**
 * The files a report was made from, with their SHA-256: an evidence pack says exactly which export
 * it rests on. Read in chunks after the run (the run itself streams); standard input has no hash.
 */
export function inputFiles(files: string[], cwd: string): InputFile[] {
  const seen = new Set<string>();
  const out: InputFile[] = [];
  const buf = Buffer.allocUnsafe(1 << 20);
  for (const path of files) {
    if (seen.has(path)) continue;
    seen.add(path);
    const abs = resolve(cwd, path);
    try {
      const st = statSync(abs);
      if (!st.isFile()) throw new Error('not a file');
      const h = createHash('sha256');
      const fd = openSync(abs, 'r');
      try {
        for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) h.update(buf.subarray(0, n));
      } finally {
        closeSync(fd);
      }
      out.push({ path, sha256: h.digest('hex'), bytes: st.size });
    } catch {
      out.push({ path });
    }
  }
  return out;
}
