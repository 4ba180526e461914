import { closeSync, createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { openSideFile, readBounded, SideFileError } from '../util/read-side-file.js';

/**
 * A report in another layout is parsed whole, so it has a ceiling (JSON.parse needs several times
 * its size in memory); the laid-out one is streamed and has none, but each of its lines is bounded.
 */
export const MAX_WHOLE_REPORT_BYTES = 256 * 1024 * 1024;

/**
 * A JSON report read back for `merge` without holding its text: the layout formats/json.ts writes
 * (two-space indent, one list item per block at four spaces) is read line by line and each list
 * item parsed on its own, so a shard report larger than V8's string limit (~512 MB) can be merged
 * and no copy of the text stays in memory. Any other layout (minified, hand-edited) is parsed whole.
 * Only a regular file is read (read-side-file.ts): a FIFO or /dev/zero is refused (SideFileError).
 */
export async function readReportFile(path: string, take?: TakeItem, label = path): Promise<unknown> {
  const streamed = await readLaidOut(path, label, take);
  if (streamed !== NOT_LAID_OUT) return streamed;
  // Opened again (and checked again): the stream that found another layout has closed its descriptor.
  const { fd, st } = openSideFile(path, label);
  let bytes: Buffer;
  try {
    bytes = readBounded(fd, label, MAX_WHOLE_REPORT_BYTES, st.size);
  } catch (e) {
    if (!(e instanceof SideFileError)) throw e;
    throw new SideFileError(
      label,
      `${e.problem} for a report not laid out as --format json writes it, which is parsed whole (jq . lays it out to be read line by line, at any size)`,
      e.reason,
      e.size,
    );
  } finally {
    closeSync(fd);
  }
  return JSON.parse(bytes.toString('utf8'));
}

/**
 * Called with each item of a top-level list as it is read; returning true takes it (it is not put
 * in the list): `merge` puts each applicant in a result store, so the report is not held as objects.
 * Only the laid-out layout is read item by item; a report parsed whole keeps its lists.
 */
export type TakeItem = (key: string, item: unknown) => boolean;

const NOT_LAID_OUT = Symbol('not laid out');
const KEY = /^ {2}("(?:[^"\\]|\\.)*"): (.*)$/;
const withoutComma = (s: string) => (s.endsWith(',') ? s.slice(0, -1) : s);

/** The longest line the laid-out reader holds; a longer one means another layout (a minified report is one line). */
const MAX_LINE_CHARS = 64 * 1024 * 1024;

class LongLine extends Error {}

/** The text as it comes, until a run of more than `max` characters without a line break (LongLine). */
async function* boundedLines(chunks: AsyncIterable<string>, max: number): AsyncGenerator<string> {
  let run = 0;
  for await (const c of chunks) {
    const first = c.indexOf('\n');
    if (first < 0) run += c.length;
    else if (run + first > max) throw new LongLine();
    else run = c.length - c.lastIndexOf('\n') - 1;
    if (run > max) throw new LongLine();
    yield c;
  }
}

async function readLaidOut(path: string, label: string, take: TakeItem | undefined): Promise<unknown> {
  const { fd } = openSideFile(path, label);
  const stream = createReadStream('', { fd, encoding: 'utf8', highWaterMark: 256 * 1024 });
  const input = Readable.from(boundedLines(stream as AsyncIterable<string>, MAX_LINE_CHARS));
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    return await laidOut(lines, take);
  } catch (e) {
    if (e instanceof LongLine) return NOT_LAID_OUT;
    throw e;
  } finally {
    // Another layout is found before the end: the stream is cut short, and the premature close
    // it reports has no reader left (unheard, it would be an uncaught exception).
    input.on('error', () => {});
    lines.close();
    stream.destroy();
  }
}

async function laidOut(lines: AsyncIterable<string>, take: TakeItem | undefined): Promise<unknown> {
  const doc: Record<string, unknown> = {};
  let state: 'start' | 'top' | 'value' | 'list' | 'item' | 'end' = 'start';
  let key = '';
  let buf: string[] = [];
  let list: unknown[] = [];
  for await (const line of lines) {
    switch (state) {
      case 'start':
        if (line !== '{') return NOT_LAID_OUT;
        state = 'top';
        break;
      case 'top': {
        if (line === '}') {
          state = 'end';
          break;
        }
        const m = KEY.exec(line);
        if (!m) return NOT_LAID_OUT;
        key = JSON.parse(m[1]!) as string;
        const rest = m[2]!;
        if (rest === '[') {
          list = [];
          doc[key] = list;
          state = 'list';
        } else if (rest === '{') {
          buf = ['{'];
          state = 'value';
        } else doc[key] = JSON.parse(withoutComma(rest));
        break;
      }
      case 'value':
        buf.push(line);
        if (line === '  }' || line === '  },') {
          doc[key] = JSON.parse(withoutComma(buf.join('\n')));
          state = 'top';
        }
        break;
      case 'list':
        if (line === '  ]' || line === '  ],') state = 'top';
        else if (line === '    {' || line === '    [') {
          buf = [line];
          state = 'item';
        } else if (line.startsWith('    ') && line[4] !== ' ') {
          const item: unknown = JSON.parse(withoutComma(line));
          if (!take?.(key, item)) list.push(item);
        } else return NOT_LAID_OUT;
        break;
      case 'item':
        buf.push(line);
        if (/^ {4}[}\]],?$/.test(line)) {
          const item: unknown = JSON.parse(withoutComma(buf.join('\n')));
          if (!take?.(key, item)) list.push(item);
          buf = [];
          state = 'list';
        }
        break;
      case 'end':
        if (line.trim() !== '') return NOT_LAID_OUT;
        break;
    }
  }
  return state === 'end' ? doc : NOT_LAID_OUT;
}
