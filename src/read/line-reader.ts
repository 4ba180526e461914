import type { Diagnostic } from '../model/diagnostic.js';
import { decodeUtf8, detectEncoding, utf16ToUtf8 } from './encoding.js';

/** A record may be this long (a 10 MB résumé fits); a longer line is reported, not buffered. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** `cut`: the line ran on past the reader's `cutAt` bytes without a line break, and reading stopped there. */
export type RawLine = { line: number; text: string; warning?: Diagnostic } | { line: number; tooLong: number; cut?: true };

async function* withEncoding(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  const it = chunks[Symbol.asyncIterator]();
  let first: Buffer | undefined;
  // Two bytes tell UTF-16 from UTF-8; gather them even if the first chunk holds one.
  while (!first || first.length < 4) {
    const next = await it.next();
    if (next.done) break;
    const b = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    first = first ? Buffer.concat([first, b]) : b;
  }
  if (!first) return;
  const { encoding, bomLength } = detectEncoding(first);
  async function* rest(): AsyncGenerator<Buffer> {
    yield first!.subarray(bomLength);
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  }
  if (encoding === 'utf-8') yield* rest();
  else yield* utf16ToUtf8(rest(), encoding);
}

/**
 * Split a byte stream into lines without holding more than one line. Unlike node:readline this
 * bounds a line's size (a 2 GB file without newlines must not exhaust memory) and decodes each
 * line on its own, so one line in a legacy encoding does not garble the rest. Blank lines are
 * dropped here; line numbers still count them. A line still without its end after `cutAt` bytes
 * ends the reading (its RawLine has `cut`): standard input may never end (`cat /dev/zero |`), and
 * a line that long can be neither a record nor a JSON document, so nothing after it could be read.
 */
export async function* readLines(
  chunks: AsyncIterable<Buffer | string>,
  file: string,
  maxLineBytes = MAX_LINE_BYTES,
  cutAt = Infinity,
): AsyncGenerator<RawLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // Once a line passes the limit its bytes are only counted, never kept.
  let skipping = false;
  let skipped = 0;
  let line = 0;
  const drop = (extra: number) => {
    skipping = true;
    skipped += pendingBytes + extra;
    pending = [];
    pendingBytes = 0;
  };
  const finish = (tail: Buffer): RawLine | undefined => {
    line++;
    if (skipping) {
      const total = skipped + tail.length;
      skipping = false;
      skipped = 0;
      return { line, tooLong: total };
    }
    let bytes = pending.length ? Buffer.concat([...pending, tail]) : tail;
    pending = [];
    pendingBytes = 0;
    if (bytes.length && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
    if (isBlank(bytes)) return undefined;
    const { text, warning } = decodeUtf8(bytes, { file, line });
    return warning ? { line, text, warning } : { line, text };
  };
  for await (const chunk of withEncoding(chunks)) {
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) break;
      let tail = chunk.subarray(pos, nl);
      if (!skipping && pendingBytes + tail.length > maxLineBytes) {
        drop(tail.length);
        tail = tail.subarray(0, 0);
      }
      const out = finish(tail);
      if (out) yield out;
      pos = nl + 1;
    }
    const rest = chunk.subarray(pos);
    if (skipping) skipped += rest.length;
    else if (pendingBytes + rest.length > maxLineBytes) drop(rest.length);
    else if (rest.length) {
      pending.push(rest);
      pendingBytes += rest.length;
    }
    if (skipping && skipped >= cutAt) {
      yield { line: line + 1, tooLong: skipped, cut: true };
      return;
    }
  }
  if (pendingBytes || skipping) {
    const out = finish(Buffer.alloc(0));
    if (out) yield out;
  }
}

function isBlank(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
