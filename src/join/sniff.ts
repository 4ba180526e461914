import { open } from 'node:fs/promises';
import { READ_NO_WAIT } from '../util/read-side-file.js';
import { extname } from 'node:path';
import { detectRecordFormat } from '../read/adapters/registry.js';
import { ENVELOPES } from '../read/source-file.js';

const HEAD_BYTES = 64 * 1024;
const ENVELOPE_START = new RegExp(
  `^\\s*\\{\\s*"(${[...ENVELOPES, '@odata.context', 'kind', 'totalCount', 'Schema', 'Results', 'page_count', 'next_page_token'].map((k) => k.replace(/[.@]/g, '\\$&')).join('|')})"`,
);
const ENVELOPE_ANY = new RegExp(`"(${ENVELOPES.join('|')})"\\s*:\\s*\\[`);
const SOURCE_MARKERS = /"(eventType|createdDateTime|admin#reports#activit|udid|ActionType|associateOID|breakdown|riskLabels|join_time|vendorData)"/;

/**
 * Whether a file holds source records (not applicant records), from its first 64 KB: a CSV, an
 * envelope, or a first record a source adapter recognises. Decides whether the run joins.
 */
export async function looksLikeSource(path: string): Promise<boolean> {
  if (extname(path).toLowerCase() === '.csv') return true;
  let head: string;
  let complete: boolean;
  try {
    // Without blocking, and only a regular file: a FIFO with no writer would block the open forever.
    const fh = await open(path, READ_NO_WAIT);
    try {
      if (!(await fh.stat()).isFile()) return false;
      const buf = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
      head = buf
        .subarray(0, bytesRead)
        .toString('utf8')
        .replace(/^\uFEFF/, '');
      complete = bytesRead < HEAD_BYTES;
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
  const t = head.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return t.length > 0 && /^[^\n]*,[^\n]*\r?\n/.test(t);
  if (ENVELOPE_START.test(t)) return true;
  // An envelope after other keys ({"success": true, "results": [...]}): joining costs only streaming.
  if (t.startsWith('{') && ENVELOPE_ANY.test(t)) return true;
  const first = firstRecord(t, complete);
  if (first !== undefined) {
    const f = detectRecordFormat(first);
    return f !== undefined && f !== 'applicant' && f !== 'greenhouse' && f !== 'lever';
  }
  return SOURCE_MARKERS.test(t);
}

function firstRecord(t: string, complete: boolean): unknown {
  try {
    if (complete) {
      const v: unknown = JSON.parse(t);
      return Array.isArray(v) ? v[0] : v;
    }
  } catch {
    /* NDJSON, or not JSON: try the first line */
  }
  const line = t.split(/\r?\n/, 1)[0]!;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
