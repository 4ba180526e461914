import type { MessagePort } from 'node:worker_threads';
import type { CompiledRule } from '../../model/rule.js';
import { checkForBatch, type BatchCheck } from './batch-check.js';
import { fromWire, type CheckRequest, type WorkerReply } from './wire.js';

/** A worker's loop: each request's records checked as the main thread would, answered by id. */
export function serveChecks(port: MessagePort, rules: CompiledRule[], check: BatchCheck, crash?: { on: number; by: 'exit' | 'oom' }): void {
  let requests = 0;
  port.on('message', (m: CheckRequest) => {
    // Tests only: a worker that dies mid-run must cost its records, never the run.
    if (crash && ++requests >= crash.on) {
      if (crash.by === 'exit') process.exit(70);
      const hoard: unknown[] = [];
      for (;;) hoard.push(new Array<number>(1e5).fill(requests));
    }
    const reply: WorkerReply = { type: 'checked', id: m.id, outcomes: checkForBatch(m.records.map(fromWire), rules, check) };
    port.postMessage(reply);
  });
}
