import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Data files read into shared memory, once per process. A SharedArrayBuffer posted to a worker
 * thread is shared, not copied, so with --jobs N the IP tables (11–21 MB) are held once instead of
 * N times: the main thread reads them before starting workers (jobs-option.ts) and each worker
 * adopts them. The bytes are only ever read. A path is read once: a file changed during the run
 * does not change what the threads look up, and all of them look up the same thing.
 */
const files = new Map<string, SharedArrayBuffer>();

/** The file's bytes (a view of shared memory); read from disk the first time in this process. */
export function readSharedFile(path: string): Buffer {
  let bytes = files.get(path);
  if (!bytes) {
    bytes = readInto(path);
    files.set(path, bytes);
  }
  return Buffer.from(bytes);
}

/** Every file read so far, to hand to a worker thread. */
export function sharedFiles(): Map<string, SharedArrayBuffer> {
  return new Map(files);
}

/** In a worker: the files the main thread read, used instead of reading them again. */
export function adoptSharedFiles(from: ReadonlyMap<string, SharedArrayBuffer> | undefined): void {
  for (const [path, bytes] of from ?? []) if (!files.has(path)) files.set(path, bytes);
}

function readInto(path: string): SharedArrayBuffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = new SharedArrayBuffer(size);
    const view = new Uint8Array(bytes);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, view, at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    // A file that shrank while being read: what was there (the parsers reject a short table).
    return at === size ? bytes : bytes.slice(0, at);
  } finally {
    closeSync(fd);
  }
}
