import type { MessagePort } from 'node:worker_threads';
import type { SharedFile } from '../../util/shared-files.js';
import type { InputRecord } from '../../read/input-record.js';
import type { BatchOutcome } from './batch-check.js';

/**
 * What goes between the main thread and a checking worker. Messages are structured clones; a
 * record read from JSON text travels as that text (the worker parses it again: cheaper than
 * cloning the parsed value, and the same value), any other as its value.
 */
export interface CheckRequest {
  id: number;
  records: InputRecord[];
}

export type WorkerReply =
  | { type: 'checked'; id: number; outcomes: BatchOutcome[] }
  /** The worker could not load what it checks with: nothing it was sent was checked. */
  | { type: 'failed'; message: string };

/** The setup a worker rebuilds its rules from: file paths and flags, never code. */
export interface WorkerSetup {
  cwd: string;
  /** The configuration file in effect (absolute), if any. */
  configFile?: string;
  /** Rule packs, absolute (the built-in rules, --rules, the configuration's packs). */
  rulePaths: string[];
  ipData: string[];
  allowShared?: string;
  strict: boolean;
  /** What the main thread loaded: a worker that loads anything else refuses to check. */
  expect: { rules: number; version: string };
  /** Tests only (DPRK_CHECK_JOBS_CRASH=N, or oom:N): the worker dies on its Nth request, by exiting or by running out of memory. */
  crashOn?: number;
  crashBy?: 'exit' | 'oom';
  /** Data files the main thread read into shared memory (util/shared-files.ts): used, not read again. */
  sharedFiles?: Map<string, SharedFile>;
  /** Where requests come and replies go (the pool adds it; without it, the parent port). */
  port?: MessagePort;
}

export function toWire(r: InputRecord): InputRecord {
  if (r.text === undefined || r.value === undefined) return r;
  const { value: _parsedAgainThere, ...rest } = r;
  return rest;
}

export function fromWire(r: InputRecord): InputRecord {
  return r.text !== undefined && r.value === undefined && !r.error ? { ...r, value: JSON.parse(r.text) as unknown } : r;
}
