import { accessSync, constants, fstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CliIO } from './io.js';
import type { OutputTarget } from './write-reports.js';
import { writableDescriptor, namedDescriptor, openPipe, writeErrorText } from './write-output.js';
import { escapeControls } from '../formats/plain-text.js';

/**
 * What can be known about the output targets before a single record is read, checked then rather
 * than after the whole run (a million records, then "no such directory"):
 * - a descriptor name (`/dev/stdout`, `/dev/fd/63`) must be an open descriptor; it is written to as such;
 * - a FIFO must have a reader: it is opened now, without waiting (ENXIO: nobody reads), and kept open
 *   (closing it would end the reader's input before the report came);
 * - a file must not be one of the run's inputs (`dprk-check export.json -o export.json` would
 *   replace the export with the report), by device and inode, so another path or a symlink counts;
 * - a file's directory must exist and be writable (the report goes to a temporary file there first).
 * Returns the message for the first target that fails, or undefined; `targets` get their descriptors.
 */
export function prepareOutputs(targets: OutputTarget[], inputs: string[], io: Pick<CliIO, 'cwd'>): string | undefined {
  const inputFiles = new Map<string, string>();
  for (const input of inputs) {
    if (input === '-') continue;
    const st = statOrUndefined(resolve(io.cwd, input));
    if (st?.isFile()) inputFiles.set(identity(st), input);
  }
  for (const t of targets) {
    if (t.file === undefined) continue;
    const shown = escapeControls(t.file);
    const where = `cannot write the ${t.format} report to ${shown}`;
    const abs = resolve(io.cwd, t.file);
    const fd = namedDescriptor(abs);
    let st: Stats | undefined;
    if (fd !== undefined) {
      try {
        if (!writableDescriptor(fd)) throw new Error('not inherited');
        st = fstatSync(fd);
      } catch {
        return `${where}: descriptor ${fd} is not open (open it in the shell, e.g. ${fd}>report.${t.format}, or name a file); nothing was read`;
      }
      t.fd = fd;
    } else {
      st = statOrUndefined(abs);
      if (st?.isFIFO()) {
        try {
          t.fd = openPipe(abs);
          t.closeFd = true;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENXIO')
            return `${where}: it is a named pipe that nothing is reading (start its reader first, e.g. gzip < ${shown} > report.gz &, or name a file); nothing was read`;
          return `${where}: cannot open the pipe: ${writeErrorText(e)}; nothing was read`;
        }
        continue;
      }
      if (st === undefined || st.isFile()) {
        const problem = directoryProblem(st ? dirname(realpathSync(abs)) : dirname(abs), st ? undefined : dirname(t.file));
        if (problem) return `${where}: ${problem}; nothing was read`;
      }
    }
    const input = st?.isFile() ? inputFiles.get(identity(st)) : undefined;
    if (input !== undefined) {
      const what = resolve(io.cwd, input) === abs ? 'it is the input' : 'it is the same file as the input';
      return `will not write the ${t.format} report to ${shown}: ${what} ${escapeControls(input)}, which the report would replace; write the report to another file (nothing was read)`;
    }
  }
  return undefined;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function identity(st: Stats): string {
  return `${st.dev}:${st.ino}`;
}

/** Why a report cannot be created in `dir` (`shown`: as the user wrote it), or undefined. */
function directoryProblem(dir: string, shown = dir): string | undefined {
  const name = escapeControls(shown === '' ? '.' : shown);
  let st: Stats;
  try {
    st = statSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `the directory ${name} does not exist (create it first${/^[\w./-]+$/.test(name) ? `: mkdir -p ${name}` : ''})`;
    if (code === 'ENOTDIR') return `a part of ${name} is not a directory`;
    return `the directory ${name} cannot be used: ${writeErrorText(e)}`;
  }
  if (!st.isDirectory()) return `${name} is not a directory`;
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    return `the directory ${name} is not writable (the report is written to a temporary file there, then renamed into place)`;
  }
  return undefined;
}
