import { readFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Diagnostic } from '../model/diagnostic.js';
import type { InputRecord } from './input-record.js';
import { jsonErrorOffset, lineColumn } from './json-syntax.js';

export const MAX_JSON_FILE_BYTES = 256 * 1024 * 1024;

export interface ReadEnv {
  stdin: Readable;
}

async function readStream(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function fail(file: string, code: Diagnostic['code'], message: string, pos?: { line: number; column: number }): InputRecord {
  return { source: file, file, error: { code, severity: 'error', file, message, ...(pos ?? {}) } };
}

/** Parse one JSON document holding an applicant or an array of applicants. */
export function parseJsonRecords(file: string, raw: string): InputRecord[] {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.trim() === '') return [fail(file, 'input-empty', 'the file is empty: expected a JSON object describing an applicant')];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const { offset, message } = jsonErrorOffset(text);
    return [fail(file, 'input-not-json', `not valid JSON: ${message}`, lineColumn(text, offset))];
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return [fail(file, 'input-empty', 'the file holds an empty array: no applicants to check')];
    return value.map((v, i) => {
      const source = `${file}[${i}]`;
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        return { source, file, error: { code: 'input-not-object', severity: 'error', file, message: `element ${i} is ${describe(v)}, not an applicant object` } };
      }
      return { source, file, value: v };
    });
  }
  if (typeof value !== 'object' || value === null) {
    return [fail(file, 'input-not-object', `the file holds ${describe(value)}; expected a JSON object describing an applicant (or an array of them)`)];
  }
  return [{ source: file, file, value, text }];
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}

/** Read the named inputs in order; '-' is standard input. Never throws for a bad input. */
export async function readInputs(paths: string[], env: ReadEnv): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push(...parseJsonRecords('<stdin>', await readStream(env.stdin)));
      continue;
    }
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      out.push(fail(p, 'input-unreadable', code === 'ENOENT' ? 'no such file' : `cannot read: ${code ?? (e as Error).message}`));
      continue;
    }
    if (st.isDirectory()) {
      out.push(fail(p, 'input-unreadable', 'is a directory: name the applicant JSON files inside it'));
      continue;
    }
    if (st.size > MAX_JSON_FILE_BYTES) {
      out.push(fail(p, 'input-too-large', `is ${st.size} bytes; a single JSON file may be at most ${MAX_JSON_FILE_BYTES} bytes`));
      continue;
    }
    let text: string;
    try {
      text = await readFile(p, 'utf8');
    } catch (e) {
      out.push(fail(p, 'input-unreadable', `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`));
      continue;
    }
    out.push(...parseJsonRecords(p, text));
  }
  return out;
}
