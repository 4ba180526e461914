import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { lookupTable } from '../util/lookup-table.js';

/**
 * Where reports are written: files (atomically) and standard output, in blocks, synchronously, so
 * that a failed write is an exception at the point it happens (never a stream 'error' event after
 * the exit code was decided) and Ctrl-C or SIGTERM can never land half-way through a file.
 */

const BLOCK = 64 * 1024;

/** Sleep without a timer (a write must stay synchronous): for a non-blocking pipe that is full. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Write all of `buf` to `fd`: partial writes continued, a full non-blocking pipe waited for. */
export function writeAllSync(fd: number, buf: Uint8Array): void {
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      pause(5);
    }
  }
}

/** Chunks gathered into blocks of about 64 KB before each write. */
export class BlockWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly sink: (block: string) => void) {}

  write(chunk: string): void {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size >= BLOCK) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const block = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.sink(block);
  }
}

/**
 * A file written whole or not at all: chunks go to a temporary file beside it, which replaces the
 * target only once complete and on disk. A failure (full disk, no permission) removes the
 * temporary file and leaves whatever was at the target untouched.
 */
export class AtomicFile {
  /** Undefined when writing straight to the target (a device or a pipe: `-o /dev/stdout`). */
  private readonly tmp: string | undefined;
  private readonly path: string;
  private fd: number | undefined;
  private readonly blocks: BlockWriter;

  constructor(target: string) {
    // Through a symlink to the file it names (the link stays a link); never rename over a device,
    // a FIFO or /dev/stdout: those are written to as they are.
    let path = target;
    let special = false;
    try {
      special = !statSync(target).isFile();
      if (!special) path = realpathSync(target);
    } catch {
      // Not there yet: a new file.
    }
    this.path = path;
    this.tmp = special ? undefined : join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    this.fd = openSync(this.tmp ?? path, 'w', 0o666);
    this.blocks = new BlockWriter((block) => writeAllSync(this.fd!, Buffer.from(block, 'utf8')));
  }

  write(chunk: string): void {
    try {
      this.blocks.write(chunk);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  commit(): void {
    try {
      this.blocks.flush();
      if (this.tmp !== undefined) fsyncSync(this.fd!);
      closeSync(this.fd!);
      this.fd = undefined;
      if (this.tmp !== undefined) renameSync(this.tmp, this.path);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  abort(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // Closing can fail on a full disk too; the file goes either way.
      }
      this.fd = undefined;
    }
    if (this.tmp !== undefined) rmSync(this.tmp, { force: true });
  }
}

/** Write a whole report or nothing: a CI step never reads half a file. */
export function writeFileAtomic(path: string, content: string): void {
  const f = new AtomicFile(path);
  f.write(content);
  f.commit();
}

const REASONS: Record<string, string> = lookupTable({
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  EPIPE: 'the reader has gone',
  EBADF: 'it is closed',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'read-only file system',
  EISDIR: 'it is a directory',
  ENOENT: 'no such directory',
  ENOTDIR: 'a part of the path is not a directory',
});

/** `ENOSPC (no space left on the device)`: the code for searching, the words for reading. */
export function writeErrorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (!err?.code) return err?.message ?? String(e);
  return REASONS[err.code] ? `${err.code} (${REASONS[err.code]})` : err.code;
}

/** An error a write to an output can end with (as opposed to a bug). */
export function isWriteError(e: unknown): e is NodeJS.ErrnoException {
  const code = (e as NodeJS.ErrnoException)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}
