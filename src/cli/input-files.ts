import { createHash } from 'node:crypto';
import { READ_NO_WAIT } from '../util/read-side-file.js';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
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
      // Opened without blocking and checked on the descriptor: a file replaced by a FIFO since the
      // run read it would block this synchronous open, and with it the whole process, forever.
      const fd = openSync(abs, READ_NO_WAIT);
      try {
        const st = fstatSync(fd);
        if (!st.isFile()) throw new Error('not a file');
        const h = createHash('sha256');
        for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) h.update(buf.subarray(0, n));
        out.push({ path, sha256: h.digest('hex'), bytes: st.size });
      } finally {
        closeSync(fd);
      }
    } catch {
      out.push({ path });
    }
  }
  return out;
}
