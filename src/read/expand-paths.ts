import { readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { lookupTable } from '../util/lookup-table.js';
import { notRegularProblem } from '../util/read-side-file.js';

/** How a file's records are read: by extension, or sniffed from its first line when unknown. */
export type FileKind = 'json' | 'ndjson' | 'sniff';

export type InputEntry =
  | { kind: 'stdin' }
  | { kind: 'file'; path: string; shown: string; as: FileKind }
  | { kind: 'unreadable'; shown: string; message: string; code?: 'input-not-regular' }
  | { kind: 'skipped'; shown: string; reason: string };

const KINDS: Record<string, FileKind> = lookupTable({ '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson' });
const GLOB_CHARS = /[*?[\]{}]/;

/** Paths as people read them: relative to the working directory when inside it. */
export function shownPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

// Plain code-unit order: the same on every machine and locale, so reports are reproducible.
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot read: ${code ?? (e as Error).message}`;
}

/**
 * A FIFO, device or socket is refused before it is opened: opening a FIFO with no writer blocks
 * forever (in a thread the first Ctrl-C cannot reach), and /dev/zero never ends. Standard input
 * (`-`) may still be a pipe.
 */
function notRegular(st: Stats, shown: string): InputEntry {
  return { kind: 'unreadable', shown, code: 'input-not-regular', message: notRegularMessage(st) };
}

export function notRegularMessage(st: Stats): string {
  return `${notRegularProblem(st)} (pipe data to standard input with - instead)`;
}

/**
 * Command-line inputs → files to read, in a deterministic order: arguments as given; inside a
 * directory or a glob, sorted paths. Files found by walking (not named) must look like applicant
 * files; the rest are listed as skipped. A file reached twice is read once.
 */
export async function* expandInputs(args: string[], cwd: string): AsyncGenerator<InputEntry> {
  const seen = new Set<string>();
  let stdinUsed = false;
  const once = async (abs: string): Promise<boolean> => {
    const real = await realpath(abs).catch(() => abs);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  };
  async function* found(abs: string): AsyncGenerator<InputEntry> {
    const shown = shownPath(abs, cwd);
    const as = KINDS[extname(abs).toLowerCase()];
    if (!as) {
      yield { kind: 'skipped', shown, reason: 'not an applicant file (.json, .ndjson or .jsonl)' };
      return;
    }
    if (await once(abs)) yield { kind: 'file', path: abs, shown, as };
    else yield { kind: 'skipped', shown, reason: 'already read (named twice)' };
  }
  async function* walk(dir: string, visited: Set<string>): AsyncGenerator<InputEntry> {
    const real = await realpath(dir).catch(() => dir);
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      yield { kind: 'unreadable', shown: shownPath(dir, cwd), message: errnoText(e) };
      return;
    }
    for (const name of entries.map((e) => e.name).sort(byName)) {
      const abs = join(dir, name);
      let st;
      try {
        st = await stat(abs);
      } catch (e) {
        yield { kind: 'unreadable', shown: shownPath(abs, cwd), message: errnoText(e) };
        continue;
      }
      if (st.isDirectory()) {
        if (name.startsWith('.')) yield { kind: 'skipped', shown: shownPath(abs, cwd), reason: 'hidden directory' };
        else yield* walk(abs, visited);
      } else if (!st.isFile()) {
        // Only what looks like applicant data is reported; other special files are just skipped.
        if (KINDS[extname(abs).toLowerCase()]) yield notRegular(st, shownPath(abs, cwd));
        else yield { kind: 'skipped', shown: shownPath(abs, cwd), reason: 'not a regular file' };
      } else yield* found(abs);
    }
  }
  for (const arg of args) {
    if (arg === '-') {
      if (stdinUsed) yield { kind: 'skipped', shown: '<stdin>', reason: 'standard input named twice' };
      else yield { kind: 'stdin' };
      stdinUsed = true;
      continue;
    }
    const abs = resolve(cwd, arg);
    let st;
    try {
      st = await stat(abs);
    } catch (e) {
      if (GLOB_CHARS.test(arg) && (e as NodeJS.ErrnoException).code === 'ENOENT') {
        const matches = (await (await import('tinyglobby')).glob(arg, { cwd, absolute: true, onlyFiles: true, expandDirectories: false })).sort(byName);
        if (matches.length === 0) yield { kind: 'unreadable', shown: arg, message: 'no files match this pattern' };
        for (const m of matches) {
          const mst = await stat(m).catch(() => undefined);
          if (mst && !mst.isFile()) yield notRegular(mst, shownPath(m, cwd));
          else yield* found(m);
        }
        continue;
      }
      yield { kind: 'unreadable', shown: shownPath(abs, cwd), message: errnoText(e) };
      continue;
    }
    if (st.isDirectory()) {
      yield* walk(abs, new Set());
      continue;
    }
    const shown = shownPath(abs, cwd);
    if (!st.isFile()) {
      yield notRegular(st, shown);
      continue;
    }
    if (!(await once(abs))) {
      yield { kind: 'skipped', shown, reason: 'already read (named twice)' };
      continue;
    }
    yield { kind: 'file', path: abs, shown, as: KINDS[extname(abs).toLowerCase()] ?? 'sniff' };
  }
}
