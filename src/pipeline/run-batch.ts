import type { Readable } from 'node:stream';
import { parseSource } from '../model/source-location.js';
import { blankResult } from '../report/blank-result.js';
import type { CompiledRule } from '../model/rule.js';
import type { EnrichContext } from '../enrich/enricher.js';
import type { ApplicantList, ApplicantResult, ErrorList, LinkKeys, LinkList, SkippedInput } from '../model/report.js';
import { RunErrors } from './error-list.js';
import { SpilledList } from '../util/spilled-list.js';
import type { InputRecord } from '../read/input-record.js';
import { levelRank, type FailOn } from '../model/levels.js';
import { readRecords } from '../read/read-records.js';
import type { InputFormat } from '../read/adapters/index.js';
import { resolveLimits, valueOverLimit, type InputLimits } from '../read/input-limits.js';
import { Correlator } from '../correlate/correlator.js';
import { applyLinks } from '../correlate/apply-links.js';
import { linkKindsFrom } from '../correlate/link-kinds.js';
import type { AllowList } from '../correlate/allow-list.js';
import { linkExceptions as linkExceptionsOf } from './jobs/batch-check.js';
import { outcomes } from './jobs/outcomes.js';
import type { JobsSetup } from './jobs/pool.js';
import { ResultCompactor } from './compact-result.js';
import { ResultStore } from './result-store.js';
import { linkSpilled } from './link-spilled.js';
import { addLinkKeys } from '../correlate/parse-link-keys.js';
import type { CompiledException } from '../model/exception.js';
import { inShard, type ShardSpec } from './shard.js';
import type { JoinSummary } from '../model/report.js';
import { joinInputs, needsJoin } from '../join/join-inputs.js';

export interface BatchProgress {
  done: number;
  flagged: number;
}

export interface BatchOptions {
  strict: boolean;
  enrich: EnrichContext;
  /** Configured exceptions (.dprk-check.yaml), applied per record before scoring. */
  exceptions?: CompiledException[];
  allow?: AllowList;
  /** Put every applicant's hashed link keys in the result (shard reports, for `merge`). */
  exportLinkKeys?: boolean;
  /**
   * Keep each finding's messageParts (default): --redact renders messages again from them. A run
   * whose outputs are not masked can let them go: about a fifth of what a flagged result holds.
   */
  keepMessageParts?: boolean;
  /** "Flagged" in progress = at or above this level before links. */
  failOn?: FailOn;
  /** Ctrl-C: stop reading, finish the report for what was read. */
  signal?: AbortSignal;
  /**
   * Earlier applicants that share keys with this batch (the history, --history): given this batch's
   * keys, returns theirs in the shard-report form. They join the links like applicants of this
   * export, but only links that reach this batch are kept, and only this batch's applicants get findings.
   */
  earlier?: (current: Iterable<LinkKeys>) => Promise<LinkKeys[]>;
  onProgress?: (p: BatchProgress) => void;
  /** --jobs N: worker threads that check records (absent: this thread checks them). */
  jobs?: JobsSetup;
  /**
   * Keep every result in memory (a list that is an array): --history annotates and filters the
   * results in place. Otherwise results past a few thousand are spilled to disk (result-store.ts).
   */
  inMemory?: boolean;
}

export interface ReadSettings {
  cwd: string;
  stdin: Readable;
  inputFormat?: InputFormat;
  shard?: ShardSpec;
  onSkip?: (s: SkippedInput) => void;
  limits?: Partial<InputLimits>;
  /** --people crosswalk (CSV id,alias): joins source records to applicants. */
  people?: string;
  /** Salt for hashed device ids, document numbers and accounts read from sources. */
  salt?: string;
  /** Greenhouse custom-field key that holds the date of birth. */
  dobField?: string;
}

export interface BatchResult {
  /** In input order; an array unless results were spilled to disk. `release` frees the spill files (after the report is written). */
  applicants: ApplicantList;
  release: () => void;
  /** In input order; past a few thousand on disk (error-list.ts), freed by `release`. */
  errors: ErrorList;
  links: LinkList;
  skipped: SkippedInput[];
  interrupted: boolean;
  /** Records left to other shards. */
  otherShards: number;
  /** In ordinal order; read from disk as it is iterated when the batch was large (see Correlator.exportKeys). */
  linkKeys?: Iterable<LinkKeys>;
  /** Set when sources were joined into applicants. */
  sources?: JoinSummary;
}

/** Read every input, check each record as it arrives, then link applicants across the batch. */
export async function runBatch(files: string[], rules: CompiledRule[], read: ReadSettings, options: BatchOptions): Promise<BatchResult> {
  const skipped: SkippedInput[] = [];
  let otherShards = 0;
  const shard = read.shard;
  const joinSettings = {
    cwd: read.cwd,
    stdin: read.stdin,
    inputFormat: read.inputFormat,
    people: read.people,
    salt: read.salt,
    dobField: read.dobField,
    onSkip: (s: SkippedInput) => {
      skipped.push(s);
      read.onSkip?.(s);
    },
  };
  if (await needsJoin(files, joinSettings)) {
    const joined = await joinInputs(files, joinSettings);
    const limits = resolveLimits(read.limits);
    // Joined applicants are bounded like streamed records, before validation recurses into them.
    const bounded = joined.records.map((r): InputRecord => {
      const over = r.value === undefined ? undefined : valueOverLimit(r.value, limits);
      return over
        ? { source: r.source, location: r.location, file: r.file, error: { code: 'input-limit', severity: 'error', file: r.file, message: over } }
        : r;
    });
    const mine = shard ? bounded.filter((r) => inShard(r.source, shard) || (otherShards++, false)) : bounded;
    const result = await checkRecords(fromArray(mine), rules, options);
    return { ...result, skipped, otherShards, sources: joined.summary };
  }
  const records = readRecords(files, {
    cwd: read.cwd,
    stdin: read.stdin,
    inputFormat: read.inputFormat,
    limits: read.limits,
    ...(shard ? { accept: (source: string) => inShard(source, shard), onOtherShard: () => otherShards++ } : {}),
    onSkip: (s) => {
      skipped.push(s);
      read.onSkip?.(s);
    },
  });
  const result = await checkRecords(records, rules, options);
  return { ...result, skipped, otherShards };
}

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

/**
 * The streaming loop. Design choice (docs/batch.md): one pass. Each record is checked and dropped;
 * what stays is its compact result (needed for the report anyway) and its hashed link keys. Links
 * are found at the end and the linked applicants re-scored from their kept findings, so no record
 * is read twice, and standard input works like a file.
 */
export async function checkRecords(
  records: AsyncIterable<InputRecord>,
  rules: CompiledRule[],
  options: BatchOptions,
): Promise<Omit<BatchResult, 'skipped' | 'otherShards'>> {
  const applicants = new ResultStore(options.inMemory ? Infinity : undefined);
  const errors = new RunErrors();
  const kinds = linkKindsFrom(rules);
  const correlator = new Correlator({
    allowedKeys: options.allow?.allowedKeys,
    ipAllowed: options.allow?.ipAllowed,
    kinds,
    keepDisplay: !!options.earlier,
    exportKeys: !!(options.exportLinkKeys || options.earlier),
  });
  // Exceptions on linkage rules are tested while the facts are at hand; links are found at the end.
  const linkExceptions = linkExceptionsOf(rules, options.exceptions);
  const exceptionsOf: Array<CompiledException[] | undefined> = [];
  const compactor = new ResultCompactor({ keepMessageParts: options.keepMessageParts ?? true });
  const failRank = options.failOn && options.failOn !== 'never' ? levelRank(options.failOn) : Infinity;
  let flagged = 0;
  let interrupted: boolean;
  let lastBreath = Date.now();
  const check = {
    strict: options.strict,
    enrich: options.enrich,
    exceptions: options.exceptions,
    keys: { ipAllowed: options.allow?.ipAllowed },
    linkExceptions,
  };
  // Records are checked in small groups, stage by stage (checkGroup), here or by worker threads
  // (--jobs); the bookkeeping below goes record by record, in input order, either way.
  for await (const outcome of outcomes(untilAborted(records, options.signal), rules, check, options.jobs, options.signal)) {
    // Ctrl-C during a breath below: stop at this record, as when records came one at a time.
    if (options.signal?.aborted) break;
    if (outcome.ok) {
      const ordinal = applicants.length;
      const r = outcome.result;
      // Kept until the report is written: share what repeats between applicants (on disk, nothing is shared).
      if (!applicants.spilled) compactor.compact(r);
      applicants.append(r);
      correlator.addKeys(ordinal, outcome.links.meta, outcome.links.keys, outcome.links.signature);
      if (outcome.held) exceptionsOf[ordinal] = outcome.held.map((i) => linkExceptions[i]!);
      if (levelRank(r.level) >= failRank) flagged++;
    } else errors.push(outcome.error);
    const done = applicants.length + errors.length;
    options.onProgress?.({ done, flagged });
    // Records parsed from memory (a JSON array) never yield to the event loop on their own; let
    // Ctrl-C and the spinner in every few dozen milliseconds.
    if ((done & 63) === 0 && Date.now() - lastBreath > 30) {
      await new Promise((r) => setImmediate(r));
      lastBreath = Date.now();
    }
  }
  interrupted = !!options.signal?.aborted;
  const n = applicants.length;
  const linkKeys = options.exportLinkKeys || options.earlier ? correlator.exportKeys() : undefined;
  const earlier: ApplicantResult[] = [];
  if (options.earlier && !interrupted) {
    for (const k of await options.earlier(linkKeys!)) {
      addLinkKeys(correlator, n + earlier.length, k, k);
      // A stand-in: linked to, never reported. Its findings are thrown away with it.
      earlier.push(blankResult(k.id, parseSource(k.source), '', k.source));
    }
  }
  const found = correlator.finish().filter((l) => earlier.length === 0 || l.members.some((m) => m.ordinal < n));
  // Results on disk are patched a round of links at a time (link-spilled.ts): the same report.
  const links = applicants.spilled
    ? linkSpilled(found, applicants, { n, earlier, person: (o) => correlator.person(o), identity: (o) => correlator.meta(o), exceptionsOf, kinds, rules })
    : applyLinks(
        found,
        (ordinal) => {
          const result = ordinal < n ? applicants.get(ordinal) : earlier[ordinal - n];
          return result ? { result, person: correlator.person(ordinal), exceptions: ordinal < n ? exceptionsOf[ordinal] : undefined } : undefined;
        },
        { kinds, rules },
      );
  // release: the spilled results and errors, and the correlator's applicant file (exported keys are read from it until then).
  const release = () => {
    applicants.close();
    errors.close();
    correlator.close();
    if (links instanceof SpilledList) links.close();
  };
  return { applicants: applicants.list(), release, errors, links, interrupted, ...(linkKeys ? { linkKeys } : {}) };
}

/**
 * Stop at once on abort, even while waiting for input that may never come (a terminal on stdin):
 * the pending read is abandoned rather than awaited.
 */
async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  if (!signal) return yield* source;
  const it = source[Symbol.asyncIterator]();
  // A listener per read, removed when the read settles: racing one shared abort promise would
  // pile up a reaction per record.
  const next = () =>
    new Promise<IteratorResult<T>>((resolve, reject) => {
      const onAbort = () => resolve({ done: true, value: undefined });
      signal.addEventListener('abort', onAbort, { once: true });
      it.next().then(
        (r) => {
          signal.removeEventListener('abort', onAbort);
          resolve(r);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  let finished = false;
  try {
    while (!signal.aborted) {
      const r = await next();
      if (r.done) {
        finished = !signal.aborted;
        return;
      }
      yield r.value;
    }
  } finally {
    // Closes files; after an abort a read may still be pending, so do not wait for it.
    if (!finished) it.return?.(undefined)?.catch(() => {});
  }
}
