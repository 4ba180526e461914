/**
 * How big and how deep one applicant record may be: part of the input contract (README "The
 * input", docs/applicant-model.md). Checked right after JSON.parse (and the size before it), by
 * one iterative walk, before any stage that recurses into the value (ajv, the YAML positioner,
 * adapters, enrichers): a record 300,000 levels deep once aborted the process, and a 60 MB one
 * took 13 s and 2.3 GB to be told it was too long.
 *
 * The defaults sit far above anything the model can hold (its deepest field is 4 levels down, its
 * longest string the 200,000-character résumé, its longest array 10,000 sessions), so they only
 * ever stop data that could not be a valid record; `extra`, which is free-form, is what they bound.
 */
export interface InputLimits {
  /** Characters of one record's JSON text (an NDJSON line): refused before it is parsed. */
  maxRecordBytes: number;
  /** Levels of nested objects and arrays; the record itself is level 1. */
  maxDepth: number;
  /** Keys in all the objects of one record together. */
  maxKeys: number;
  /** Items in any one array. */
  maxItems: number;
  /** Characters in any one string, keys included. */
  maxString: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<InputLimits> = Object.freeze({
  maxRecordBytes: 16 * MB,
  maxDepth: 64,
  maxKeys: 100_000,
  maxItems: 10_000,
  maxString: MB,
});

/** The names used on the command line (`--input-limit depth=100`) and in messages. */
export const LIMIT_NAMES: ReadonlyMap<string, keyof InputLimits> = new Map([
  ['record-bytes', 'maxRecordBytes'],
  ['depth', 'maxDepth'],
  ['keys', 'maxKeys'],
  ['items', 'maxItems'],
  ['string', 'maxString'],
]);

/** `name=value` (value may end in k or m) → one limit, or a message saying what is wrong. */
export function parseLimit(text: string): { key: keyof InputLimits; value: number } | string {
  const m = /^([a-z-]+)=(\d{1,12})([kKmM]?)$/.exec(text.trim());
  const names = [...LIMIT_NAMES.keys()].join(', ');
  if (!m) return `--input-limit expects NAME=NUMBER (names: ${names}), got '${text}'`;
  const key = LIMIT_NAMES.get(m[1]!);
  if (!key) return `--input-limit: unknown limit '${m[1]}' (names: ${names})`;
  const unit = m[3]!.toLowerCase() === 'k' ? 1024 : m[3]!.toLowerCase() === 'm' ? MB : 1;
  const value = Number(m[2]) * unit;
  if (!Number.isSafeInteger(value) || value < 1) return `--input-limit: ${m[1]} must be a positive whole number, got '${m[2]}${m[3]}'`;
  return { key, value };
}

export function resolveLimits(partial: Partial<InputLimits> | undefined): InputLimits {
  return partial ? { ...DEFAULT_LIMITS, ...partial } : DEFAULT_LIMITS;
}

/** One record's text too long to parse: the message, or undefined. */
export function textOverLimit(length: number, limits: InputLimits): string | undefined {
  if (length <= limits.maxRecordBytes) return undefined;
  return `the record is ${describeSize(length)}; one record may be at most ${describeSize(limits.maxRecordBytes)} (input limit record-bytes)`;
}

function describeSize(n: number): string {
  return n >= MB ? `${(n / MB).toFixed(n % MB ? 1 : 0)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}

type Step = string | number;

/**
 * The first limit a parsed value breaks, as one message naming where; undefined when within all.
 * Iterative (an explicit stack), stops at the first problem, and never reads an inherited key.
 * `tally.keys` is set to the keys of all its objects when within all (read/duplicate-keys.ts compares it).
 */
export function valueOverLimit(root: unknown, limits: InputLimits, tally?: { keys: number }): string | undefined {
  // The stack as three parallel arrays, not an object per value: a record is a few hundred values,
  // and this runs on every record of a batch.
  const values: unknown[] = [root];
  const depths: number[] = [1];
  const steps: Array<Step | undefined> = [undefined];
  // Depth-first, so the steps from the root to the value in hand are always path[0 .. depth-2].
  const path: Step[] = [];
  let keys = 0;
  let chars = 0;
  const where = () => pathText(path);
  while (values.length) {
    const v = values.pop();
    const depth = depths.pop()!;
    const step = steps.pop();
    if (step !== undefined) {
      path.length = depth - 1;
      path[depth - 2] = step;
    }
    if (typeof v === 'string') {
      chars += v.length;
      if (v.length > limits.maxString) return `${where()}: a string of ${count(v.length)} characters; at most ${count(limits.maxString)} (input limit string)`;
      if (chars > limits.maxRecordBytes) return `the record holds more than ${describeSize(limits.maxRecordBytes)} of text (input limit record-bytes)`;
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth > limits.maxDepth) return `${where()}: nested more than ${limits.maxDepth} levels deep (input limit depth)`;
    if (Array.isArray(v)) {
      if (v.length > limits.maxItems) return `${where()}: an array of ${count(v.length)} items; at most ${count(limits.maxItems)} (input limit items)`;
      for (let i = v.length - 1; i >= 0; i--) {
        values.push(v[i]);
        depths.push(depth + 1);
        steps.push(i);
      }
      continue;
    }
    const own = Object.keys(v);
    keys += own.length;
    if (keys > limits.maxKeys) return `${where()}: the record has more than ${count(limits.maxKeys)} keys in all (input limit keys)`;
    for (let i = own.length - 1; i >= 0; i--) {
      const k = own[i]!;
      chars += k.length;
      if (k.length > limits.maxString) return `${where()}: a key of ${count(k.length)} characters; at most ${count(limits.maxString)} (input limit string)`;
      values.push((v as Record<string, unknown>)[k]);
      depths.push(depth + 1);
      steps.push(k);
    }
  }
  if (tally) tally.keys = keys;
  return undefined;
}

const count = (n: number) => n.toLocaleString('en-US');

/** `contact.phones[0]`, shortened in the middle when very deep. */
function pathText(steps: Step[]): string {
  const text = (s: Step[], first: boolean) =>
    s.map((k, n) => (typeof k === 'number' ? `[${k}]` : `${n || !first ? '.' : ''}${k.length > 40 ? `${k.slice(0, 40)}…` : k}`)).join('');
  if (steps.length === 0) return '(record)';
  if (steps.length <= 8) return text(steps, true);
  return `${text(steps.slice(0, 4), true)}…(${steps.length - 6} more levels)…${text(steps.slice(-2), false)}`;
}
