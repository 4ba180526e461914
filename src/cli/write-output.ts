import {
  closeSync,
  constants,
  readdirSync,
  readFileSync,
  readlinkSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
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
 * `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`: the descriptor the name stands for.
 * Such a name is written to as that descriptor, never opened anew or replaced: on Linux it is a link
 * to whatever the descriptor holds (`> out.txt`), and renaming a file over it, or opening it with
 * O_TRUNC, would replace or truncate that file (and lose what `>>` appended to).
 */
export function namedDescriptor(abs: string): number | undefined {
  if (process.platform === 'win32') return undefined;
  const std = ['/dev/stdin', '/dev/stdout', '/dev/stderr'].indexOf(abs);
  if (std >= 0) return std;
  const m = /^\/(?:dev\/fd|proc\/(?:self|thread-self|(\d+))\/fd)\/(\d+)$/.exec(abs);
  if (!m || (m[1] !== undefined && Number(m[1]) !== process.pid)) return undefined;
  // Elsewhere than Linux, the name is opened as before (macOS's /dev/fd/N opens a copy of the descriptor).
  return process.platform === 'linux' ? Number(m[2]) : undefined;
}

/**
 * Whether descriptor `fd` may take a report: one the process was started with (`5>>log`, bash's
 * `>(gzip)`), not one Node opened for itself. Writing into Node's own event or signal descriptors
 * crashed it (SIGSEGV with `-o /dev/fd/7`). Those are anonymous inodes (epoll, eventfd) and pipes
 * whose reading end is ours too (libuv's wake-up and signal pipes); close-on-exec tells nothing here,
 * as Node sets it on inherited descriptors too.
 */
export function writableDescriptor(fd: number): boolean {
  if (fd <= 2) return true;
  try {
    const link = readlinkSync(`/proc/self/fd/${fd}`);
    if (link.startsWith('anon_inode:')) return false;
    // Opened for reading only: the read end of one of Node's own pipes (Node 22 and 24 keep one at 7).
    if (accessMode(fd) === 0) return false;
    if (!link.startsWith('pipe:')) return true;
    return !readdirSync('/proc/self/fd').some((other) => Number(other) !== fd && readsPipe(Number(other), link));
  } catch {
    return false;
  }
}

/** The O_ACCMODE bits of descriptor `fd` (0 read only, 1 write only, 2 both), from /proc; undefined where unknown. */
function accessMode(fd: number): number | undefined {
  const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1];
  return flags === undefined ? undefined : parseInt(flags, 8) & 3;
}

/** Whether descriptor `fd` is the reading end of pipe `link` (`pipe:[123]`). */
function readsPipe(fd: number, link: string): boolean {
  try {
    if (readlinkSync(`/proc/self/fd/${fd}`) !== link) return false;
    return accessMode(fd) !== 1;
  } catch {
    return false;
  }
}

/**
 * A FIFO opened for writing without waiting for a reader: a blocking open with nobody reading would
 * wait for ever, and nothing (not even Ctrl-C: the open holds the thread) would end it. ENXIO is
 * "nobody is reading". The descriptor stays non-blocking; writeAllSync waits out a full pipe.
 */
export function openPipe(path: string): number {
  return openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
}

/** How a target is written. */
type Plan =
  | { kind: 'descriptor'; fd: number }
  | { kind: 'pipe' }
  | { kind: 'device' }
  /** A regular file, new or replaced, via `tmp` beside `path` (symlinks resolved); `existing`: what is there. */
  | { kind: 'file'; path: string; tmp: string; existing?: Stats };

function planFor(target: string): Plan {
  const fd = namedDescriptor(target);
  if (fd !== undefined) {
    if (!writableDescriptor(fd)) throw Object.assign(new Error(`descriptor ${fd} is not open`), { code: 'EBADF', syscall: 'write' });
    return { kind: 'descriptor', fd };
  }
  let existing: Stats | undefined;
  try {
    existing = statSync(target);
  } catch {
    // Not there yet: a new file.
  }
  if (existing?.isFIFO()) return { kind: 'pipe' };
  // Through a symlink to the file it names (the link stays a link); never rename over a device.
  if (existing && !existing.isFile()) return { kind: 'device' };
  const path = existing ? realpathSync(target) : target;
  return { kind: 'file', path, tmp: join(dirname(path), `.${basename(path)}.${process.pid}.tmp`), ...(existing ? { existing } : {}) };
}

/** A temporary file opened afresh: O_EXCL, so a link planted at its name is not followed (a stale one goes). */
function openTemp(tmp: string, mode: number): number {
  try {
    return openSync(tmp, 'wx', mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    rmSync(tmp, { force: true });
    return openSync(tmp, 'wx', mode);
  }
}

/**
 * The replacement keeps the replaced file's mode (a 0600 report stays 0600, whatever the umask) and,
 * where the system lets us, its owner and group. Set before any byte is written to it.
 */
function keepOwnership(fd: number, old: Stats): void {
  if (old.uid !== process.getuid?.() || old.gid !== process.getgid?.()) {
    const refused = (e: unknown) => ['EPERM', 'EINVAL', 'ENOSYS'].includes((e as NodeJS.ErrnoException).code ?? '');
    try {
      fchownSync(fd, old.uid, old.gid);
    } catch (e) {
      if (!refused(e)) throw e;
      // Only root may give a file away; a member of the file's group may still keep the group.
      try {
        fchownSync(fd, -1, old.gid);
      } catch (e2) {
        if (!refused(e2)) throw e2;
      }
    }
  }
  fchmodSync(fd, old.mode & 0o7777);
}

/**
 * A file written whole or not at all: chunks go to a temporary file beside it, which replaces the
 * target only once complete and on disk. A failure (full disk, no permission) removes the
 * temporary file and leaves whatever was at the target untouched. A descriptor name, a pipe or a
 * device is written to as it is (there is nothing to replace).
 */
export class AtomicFile {
  /** Undefined when writing straight to the target (a device, a pipe, `/dev/stdout`). */
  private readonly tmp: string | undefined;
  private readonly path: string;
  private fd: number | undefined;
  /** Whether the descriptor is ours to close (not one named by /dev/fd/N). */
  private readonly owned: boolean;
  private readonly blocks: BlockWriter;

  /** The temporary file a write to `target` would use (undefined: written in place): see write-guard.ts. */
  static tempFor(target: string): string | undefined {
    try {
      const plan = planFor(target);
      return plan.kind === 'file' ? plan.tmp : undefined;
    } catch {
      // The write itself will fail and say why.
      return undefined;
    }
  }

  /** `opened`: a descriptor for the target opened already (a pipe probed before the run), closed on commit. */
  constructor(target: string, opened?: number) {
    const plan: Plan = opened !== undefined ? { kind: 'device' } : planFor(target);
    this.path = plan.kind === 'file' ? plan.path : target;
    this.tmp = plan.kind === 'file' ? plan.tmp : undefined;
    this.owned = plan.kind !== 'descriptor';
    if (opened !== undefined) this.fd = opened;
    else if (plan.kind === 'descriptor') this.fd = plan.fd;
    else if (plan.kind === 'pipe') this.fd = openPipe(target);
    else if (plan.kind === 'device') this.fd = openSync(target, 'w');
    else {
      this.fd = openTemp(plan.tmp, plan.existing ? 0o600 : 0o666);
      try {
        if (plan.existing) keepOwnership(this.fd, plan.existing);
      } catch (e) {
        this.abort();
        throw e;
      }
    }
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
      if (this.owned) closeSync(this.fd!);
      this.fd = undefined;
      if (this.tmp !== undefined) renameSync(this.tmp, this.path);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  abort(): void {
    if (this.fd !== undefined && this.owned) {
      try {
        closeSync(this.fd);
      } catch {
        // Closing can fail on a full disk too; the file goes either way.
      }
    }
    this.fd = undefined;
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
  ENXIO: 'nothing is reading the pipe',
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
