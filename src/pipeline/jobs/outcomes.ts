import type { CompiledRule } from '../../model/rule.js';
import type { InputRecord } from '../../read/input-record.js';
import { GROUP_SIZE, inGroups } from '../group-records.js';
import { checkForBatch, type BatchCheck, type BatchOutcome } from './batch-check.js';
import { CheckerPool, IN_FLIGHT_PER_WORKER, type JobsSetup } from './pool.js';
import { ruleTextSharer } from './share-rule-text.js';

/**
 * Every record's outcome, in input order, checked in this thread or (--jobs N) by N threads: N - 1
 * workers and this one (CheckerPool). Groups go out as they are read and come back in the order
 * they went out, so ordinals, links and the report are those of a one-thread run. At most
 * IN_FLIGHT_PER_WORKER groups per thread are out at a time: reading waits for the checks (memory
 * does not grow with the input).
 */
export async function* outcomes(
  records: AsyncIterable<InputRecord>,
  rules: CompiledRule[],
  check: BatchCheck,
  jobs?: JobsSetup,
  signal?: AbortSignal,
): AsyncGenerator<BatchOutcome> {
  const here = (group: InputRecord[]) => checkForBatch(group, rules, check);
  if (!jobs || jobs.count < 2) {
    for await (const group of inGroups(records)) yield* here(group);
    return;
  }
  const share = ruleTextSharer(rules);
  const pool = new CheckerPool(jobs, here);
  const back = (answer: BatchOutcome[]) => answer.map(share);
  const queue: Array<{ answer: Promise<BatchOutcome[]>; done?: BatchOutcome[] }> = [];
  const limit = IN_FLIGHT_PER_WORKER * jobs.count;
  try {
    for await (const group of inGroups(records, jobs.group ?? GROUP_SIZE)) {
      const entry: (typeof queue)[number] = { answer: pool.submit(group) };
      void entry.answer.then((o) => (entry.done = o));
      queue.push(entry);
      // What is already back goes on at once (progress, and a slow standard input).
      while (queue[0]?.done) yield* back(queue.shift()!.done!);
      if (queue.length >= limit) yield* back(await orAbort(queue.shift()!.answer, signal));
    }
    while (queue.length) yield* back(await orAbort(queue.shift()!.answer, signal));
  } finally {
    await pool.close();
  }
}

/** Ctrl-C does not wait for a group in a worker's hands (one huge record can take seconds). */
function orAbort(answer: Promise<BatchOutcome[]>, signal: AbortSignal | undefined): Promise<BatchOutcome[]> {
  if (!signal) return answer;
  if (signal.aborted) return Promise.resolve([]);
  return new Promise((resolve) => {
    const onAbort = () => resolve([]);
    signal.addEventListener('abort', onAbort, { once: true });
    void answer.then((o) => {
      signal.removeEventListener('abort', onAbort);
      resolve(o);
    });
  });
}
