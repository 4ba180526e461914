import type { Readable } from 'node:stream';
import type { CompiledRule } from '../model/rule.js';
import type { EnrichContext } from '../enrich/enricher.js';
import type { ApplicantResult, Link, LinkKeys, RunError, SkippedInput } from '../model/report.js';
import type { InputRecord } from '../read/input-record.js';
import { levelRank, type FailOn } from '../model/levels.js';
import { readRecords } from '../read/read-records.js';
import type { InputFormat } from '../read/adapters/index.js';
import { Correlator } from '../correlate/correlator.js';
import { applyLinks } from '../correlate/apply-links.js';
import { linkKindsFrom } from '../correlate/link-kinds.js';
import type { AllowList } from '../correlate/allow-list.js';
import { checkGroup } from './check-record.js';
import { inGroups } from './group-records.js';
import { ResultCompactor } from './compact-result.js';
import type { CompiledException } from '../model/exception.js';
import { inShard, type ShardSpec } from './shard.js';

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
  onProgress?: (p: BatchProgress) => void;
}

export interface ReadSettings {
  cwd: string;
  stdin: Readable;
  inputFormat?: InputFormat;
  shard?: ShardSpec;
  onSkip?: (s: SkippedInput) => void;
}

export interface BatchResult {
  applicants: ApplicantResult[];
  errors: RunError[];
  links: Link[];
  skipped: SkippedInput[];
  interrupted: boolean;
  /** Records left to other shards. */
  otherShards: number;
  linkKeys?: LinkKeys[];
}

/** Read every input, check each record as it arrives, then link applicants across the batch. */
export async function runBatch(files: string[], rules: CompiledRule[], read: ReadSettings, options: BatchOptions): Promise<BatchResult> {
  const skipped: SkippedInput[] = [];
  let otherShards = 0;
  const shard = read.shard;
  const records = readRecords(files, {
    cwd: read.cwd,
    stdin: read.stdin,
    inputFormat: read.inputFormat,
    ...(shard ? { accept: (source: string) => inShard(source, shard), onOtherShard: () => otherShards++ } : {}),
    onSkip: (s) => {
      skipped.push(s);
      read.onSkip?.(s);
    },
  });
  const result = await checkRecords(records, rules, options);
  return { ...result, skipped, otherShards };
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
  const applicants: ApplicantResult[] = [];
  const persons: number[] = [];
  const errors: RunError[] = [];
  const kinds = linkKindsFrom(rules);
  const correlator = new Correlator({ allowedKeys: options.allow?.allowedKeys, ipAllowed: options.allow?.ipAllowed, kinds });
  // Exceptions on linkage rules are tested while the facts are at hand; links are found at the end.
  const linkIds = new Set(rules.filter((r) => r.link).map((r) => r.spec.id));
  const linkExceptions = (options.exceptions ?? []).filter((e) => [...e.ruleIds].some((id) => linkIds.has(id)));
  const exceptionsOf: Array<CompiledException[] | undefined> = [];
  const compactor = new ResultCompactor({ keepMessageParts: options.keepMessageParts ?? true });
  const failRank = options.failOn && options.failOn !== 'never' ? levelRank(options.failOn) : Infinity;
  let flagged = 0;
  let interrupted: boolean;
  let lastBreath = Date.now();
  const check = { strict: options.strict, enrich: options.enrich, exceptions: options.exceptions };
  // Records come in small groups, each checked stage by stage (checkGroup); the bookkeeping below
  // still goes record by record, in input order.
  for await (const group of inGroups(untilAborted(records, options.signal))) {
    for (const outcome of checkGroup(group, rules, check)) {
      // Ctrl-C during a breath below: stop at this record, as when records came one at a time.
      if (options.signal?.aborted) break;
      if (outcome.ok) {
        const ordinal = applicants.length;
        const r = outcome.result;
        // Kept until the report is written: share what repeats between applicants.
        compactor.compact(r);
        applicants.push(r);
        correlator.add(ordinal, outcome.applicant, r.source);
        if (linkExceptions.length) {
          const hold = linkExceptions.filter((e) => e.matches(outcome.applicant));
          if (hold.length) exceptionsOf[ordinal] = hold;
        }
        persons.push(correlator.meta(ordinal)!.person);
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
  }
  interrupted = !!options.signal?.aborted;
  const links = applyLinks(
    correlator.finish(),
    (ordinal) => {
      const result = applicants[ordinal];
      return result ? { result, person: persons[ordinal]!, exceptions: exceptionsOf[ordinal] } : undefined;
    },
    { kinds, rules },
  );
  return { applicants, errors, links, interrupted, ...(options.exportLinkKeys ? { linkKeys: correlator.exportKeys() } : {}) };
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
