import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  // Changed on disk during the run: every thread keeps looking up what was read.
  writeFileSync(file, 'changed');
  const second = readSharedFile(file);
  expect(second.buffer).toBe(first.buffer);
  expect(second.equals(content)).toBe(true);
  expect(sharedFiles().get(file)).toBe(first.buffer);
});

test('a worker adopts what the main thread read instead of reading it again; a missing file fails as readFileSync does', () => {
  const elsewhere = join(dir, 'never-written.bin');
  const bytes = new SharedArrayBuffer(4);
  new Uint8Array(bytes).set([1, 2, 3, 4]);
  adoptSharedFiles(new Map([[elsewhere, bytes]]));
  expect([...readSharedFile(elsewhere)]).toEqual([1, 2, 3, 4]);
  expect(() => readSharedFile(join(dir, 'missing.bin'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
});
