import { closeSync, createReadStream } from 'node:fs';
import { readLines, MAX_LINE_BYTES, type RawLine } from '../read/line-reader.js';
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

async function readLaidOut(path: string, label: string, take: TakeItem | undefined): Promise<unknown> {
  const { fd } = openSideFile(path, label);
  const stream = createReadStream('', { fd, highWaterMark: 256 * 1024 });
  try {
    return await laidOut(readLines(stream, label, MAX_LINE_BYTES), take);
  } finally {
    stream.destroy();
  }
}

/** Blank lines never occur in the layout (readLines drops them); a line over MAX_LINE_BYTES is another layout. */
async function laidOut(raw: AsyncIterable<RawLine>, take: TakeItem | undefined): Promise<unknown> {
  const doc: Record<string, unknown> = {};
  let state: 'start' | 'top' | 'value' | 'list' | 'item' | 'end' = 'start';
  let key = '';
  let buf: string[] = [];
  let list: unknown[] = [];
  for await (const r of raw) {
    if (!('text' in r)) return NOT_LAID_OUT;
    const line = r.text;
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
