import { isUtf8 } from 'node:buffer';
import type { Diagnostic } from '../model/diagnostic.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * The encoding of a text file from its first bytes: a byte-order mark when there is one, else the
 * zero bytes UTF-16 puts next to ASCII ('{' is 7B 00 in UTF-16LE). Spreadsheet tools on Windows
 * still write UTF-16 with a BOM, and some exporters write UTF-8 with one.
 */
export function detectEncoding(head: Uint8Array): { encoding: Encoding; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (head.length >= 2 && head[0] !== 0 && head[1] === 0) return { encoding: 'utf-16le', bomLength: 0 };
  if (head.length >= 2 && head[0] === 0 && head[1] !== 0) return { encoding: 'utf-16be', bomLength: 0 };
  return { encoding: 'utf-8', bomLength: 0 };
}

const WINDOWS_1252 = new TextDecoder('windows-1252');

/**
 * UTF-8 bytes as text. Bytes that are not UTF-8 (a record pasted from a legacy system into an
 * otherwise UTF-8 export) are read as Windows-1252, the usual culprit, with a warning, rather than
 * silently turned into U+FFFD.
 */
export function decodeUtf8(bytes: Buffer, where: { file: string; line?: number }): { text: string; warning?: Diagnostic } {
  if (isUtf8(bytes)) return { text: bytes.toString('utf8') };
  return {
    text: WINDOWS_1252.decode(bytes),
    warning: {
      code: 'input-encoding',
      severity: 'warning',
      file: where.file,
      ...(where.line ? { line: where.line } : {}),
      message: 'not valid UTF-8; read as Windows-1252 (check names and addresses for wrong characters)',
      hint: 'save the export as UTF-8',
    },
  };
}

/** Re-encode a UTF-16 byte stream as UTF-8 chunks, so one line splitter serves every encoding. */
export async function* utf16ToUtf8(chunks: AsyncIterable<Buffer>, encoding: 'utf-16le' | 'utf-16be'): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of chunks) {
    const s = decoder.decode(chunk, { stream: true });
    if (s) yield Buffer.from(s, 'utf8');
  }
  const rest = decoder.decode();
  if (rest) yield Buffer.from(rest, 'utf8');
}
