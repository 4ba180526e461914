import { closeSync, readSync, statSync } from 'node:fs';
import { notRegularProblem, openSideFile, SideFileError, tooLarge } from './read-side-file.js';

/**
 * Data files read into shared memory, once per process. A SharedArrayBuffer posted to a worker
 * thread is shared, not copied, so with --jobs N the IP tables (11–21 MB) are held once instead of
 * N times: the main thread reads them before starting workers (jobs-option.ts) and each worker
 * adopts them. The bytes are only ever read. Kept with the file's size and modification time, and
 * read again when either changed: a process that checks more than once (tests, a library user)
 * never looks up a file as it was.
 */
export interface SharedFile {
  bytes: SharedArrayBuffer;
  size: number;
  mtimeMs: number;
}

const files = new Map<string, SharedFile>();

/**
 * The largest file read (an --ip-data .mmdb is read whole): the biggest commercial city databases
 * are a few hundred MB. Only a regular file is read: a FIFO or a device is refused (read-side-file.ts).
 */
export const MAX_SHARED_FILE_BYTES = 1024 * 1024 * 1024;

/**
 * The file's bytes (a view of shared memory); read from disk unless this process has them as they
 * are. `label` names the file in a SideFileError (not a regular file, or over the ceiling).
 */
export function readSharedFile(path: string, label = path): Buffer {
  const st = statSync(path);
  if (!st.isFile()) throw new SideFileError(label, notRegularProblem(st), 'not-regular');
  let f = files.get(path);
  if (!f || f.size !== st.size || f.mtimeMs !== st.mtimeMs) {
    f = readInto(path, label);
    files.set(path, f);
  }
  return Buffer.from(f.bytes);
}

/** Every file read so far, to hand to a worker thread. */
export function sharedFiles(): Map<string, SharedFile> {
  return new Map(files);
}

/** In a worker: the files the main thread read, used instead of reading them again. */
export function adoptSharedFiles(from: ReadonlyMap<string, SharedFile> | undefined): void {
  for (const [path, f] of from ?? []) if (!files.has(path)) files.set(path, f);
}

function readInto(path: string, label: string): SharedFile {
  // Checked again on the open descriptor: the path may have changed since the stat above.
  const { fd, st } = openSideFile(path, label);
  try {
    const size = st.size;
    // Read up to the size fstat gave, never more: a file that grows while read cannot run on.
    if (size > MAX_SHARED_FILE_BYTES) throw tooLarge(label, size, MAX_SHARED_FILE_BYTES);
    const bytes = new SharedArrayBuffer(size);
    const view = new Uint8Array(bytes);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, view, at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    // A file that shrank while being read: what was there (the parsers reject a short table).
    return { bytes: at === size ? bytes : bytes.slice(0, at), size, mtimeMs: st.mtimeMs };
  } finally {
    closeSync(fd);
  }
}
