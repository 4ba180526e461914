import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * A JSON report read back for `merge` without holding its text: the layout formats/json.ts writes
 * (two-space indent, one list item per block at four spaces) is read line by line and each list
 * item parsed on its own, so a shard report larger than V8's string limit (~512 MB) can be merged
 * and no copy of the text stays in memory. Any other layout (minified, hand-edited) is parsed whole.
 */
export async function readReportFile(path: string, take?: TakeItem): Promise<unknown> {
  const streamed = await readLaidOut(path, take);
  return streamed === NOT_LAID_OUT ? JSON.parse(readFileSync(path, 'utf8')) : streamed;
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

async function readLaidOut(path: string, take: TakeItem | undefined): Promise<unknown> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
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
