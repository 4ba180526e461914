import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { adoptSharedFiles, readSharedFile, sharedFiles } from '../../../src/util/shared-files.js';

const dir = mkdtempSync(join(tmpdir(), 'dprk-shared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a file is read once into shared memory: the same bytes, and the same memory the next time', () => {
  const file = join(dir, 'table.bin');
  const content = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
  writeFileSync(file, content);
  const first = readSharedFile(file);
  expect(first.buffer).toBeInstanceOf(SharedArrayBuffer);
  expect(first.equals(readFileSync(file))).toBe(true);
  const second = readSharedFile(file);
  expect(second.buffer).toBe(first.buffer);
  expect(sharedFiles().get(file)?.bytes).toBe(first.buffer);
});

test('a file changed on disk is read again (a process that checks twice never looks up a file as it was)', () => {
  const file = join(dir, 'changing.bin');
  writeFileSync(file, 'first');
  const first = readSharedFile(file);
  writeFileSync(file, 'second!');
  expect(readSharedFile(file).toString()).toBe('second!');
  // Same size, newer time: read again too.
  writeFileSync(file, 'third!!');
  const later = new Date(statSync(file).mtimeMs + 5000);
  utimesSync(file, later, later);
  expect(readSharedFile(file).toString()).toBe('third!!');
  expect(first.toString()).toBe('first');
});

test('a worker adopts what the main thread read instead of reading it again; a missing file fails as readFileSync does', () => {
  const file = join(dir, 'adopted.bin');
  writeFileSync(file, Buffer.from([9, 9, 9, 9]));
  const st = statSync(file);
  const bytes = new SharedArrayBuffer(4);
  new Uint8Array(bytes).set([1, 2, 3, 4]);
  // As the main thread had it (same size and time): used as given, not read.
  adoptSharedFiles(new Map([[file, { bytes, size: st.size, mtimeMs: st.mtimeMs }]]));
  expect([...readSharedFile(file)]).toEqual([1, 2, 3, 4]);
  expect(readSharedFile(file).buffer).toBe(bytes);
  expect(() => readSharedFile(join(dir, 'missing.bin'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
});
