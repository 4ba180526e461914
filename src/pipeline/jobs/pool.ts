import { Worker } from 'node:worker_threads';
import type { InputRecord } from '../../read/input-record.js';
import { internalError } from '../check-record.js';
import type { BatchOutcome } from './batch-check.js';
import { toWire, type WorkerReply, type WorkerSetup } from './wire.js';

/** --jobs: how many worker threads check records, and what they load. */
export interface JobsSetup {
  count: number;
  /** The worker's entry script (dist/cli/worker-bundle.js). */
  workerFile: string;
  workerData: WorkerSetup;
  /** Records per request (tests make it tiny: DPRK_CHECK_JOBS_GROUP). */
  group?: number;
  /** A worker that could not start (its records are checked in this thread instead). */
  onNotice?: (message: string) => void;
}

interface Pending {
  records: InputRecord[];
  resolve: (outcomes: BatchOutcome[]) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  alive: boolean;
}

/**
 * Worker threads that check groups of records. `submit` answers each group with its outcomes, in
 * whatever order the workers finish; the caller awaits them in the order it sent them. A worker
 * that dies answers every record it held with that record's internal error (the run goes on with
 * the others, and every record is still accounted for); one that could not load its rules has its
 * records checked here instead. With no worker left, groups are checked in this thread.
 */
export class CheckerPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private turn = 0;
  private closing = false;

  constructor(
    private readonly setup: JobsSetup,
    private readonly inThread: (records: InputRecord[]) => BatchOutcome[],
  ) {
    for (let i = 0; i < setup.count; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(this.setup.workerFile, { workerData: this.setup.workerData });
    const slot: Slot = { worker, pending: new Map(), alive: true };
    worker.on('message', (m: WorkerReply) => {
      if (m.type === 'failed') {
        this.setup.onNotice?.(`a worker thread could not start (${m.message}); its records are checked by the others`);
        this.lose(slot, m.message, true);
        return;
      }
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      p.resolve(ownSources(p.records, m.outcomes));
    });
    worker.on('error', (e: Error) => this.lose(slot, e.message, false));
    worker.on('exit', (code) => {
      if (!this.closing) this.lose(slot, `it exited with code ${code}`, false);
    });
    return slot;
  }

  /** The records a worker held are answered now: with their internal errors, or checked here. */
  private lose(slot: Slot, why: string, recheck: boolean): void {
    if (!slot.alive) return;
    slot.alive = false;
    void slot.worker.terminate();
    for (const p of slot.pending.values()) {
      p.resolve(recheck ? this.inThread(p.records) : p.records.map((r) => stopped(r, why)));
    }
    slot.pending.clear();
  }

  submit(records: InputRecord[]): Promise<BatchOutcome[]> {
    const slot = this.pick();
    if (!slot) return Promise.resolve(this.inThread(records));
    const id = this.nextId++;
    return new Promise((resolve) => {
      slot.pending.set(id, { records, resolve });
      try {
        slot.worker.postMessage({ id, records: records.map(toWire) });
      } catch {
        // A value that cannot be cloned (none from JSON can): check it here.
        slot.pending.delete(id);
        resolve(this.inThread(records));
      }
    });
  }

  /** The live worker with the fewest groups in hand; round robin among equals. */
  private pick(): Slot | undefined {
    let best: Slot | undefined;
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots[(this.turn + i) % this.slots.length]!;
      if (s.alive && (!best || s.pending.size < best.pending.size)) best = s;
    }
    this.turn = (this.turn + 1) % Math.max(1, this.slots.length);
    return best;
  }

  /** Stops every worker, whatever it is doing (the end of the run, or Ctrl-C). */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => 0)));
  }
}

function stopped(record: InputRecord, why: string): BatchOutcome {
  const o = internalError(record, new Error(`the worker thread checking it stopped: ${why}`));
  if (o.ok) throw new Error('unreachable');
  return o;
}

/**
 * The sources a worker sends back are copies; the ones read here share one `file#` prefix per file
 * (ndjson.ts), and a batch keeps one per applicant until the report is written.
 */
function ownSources(records: InputRecord[], outcomes: BatchOutcome[]): BatchOutcome[] {
  outcomes.forEach((o, i) => {
    const source = records[i]?.source;
    if (source === undefined) return;
    if (o.ok) {
      if (o.result.source === source) o.result.source = source;
      if (o.links.meta.source === source) o.links.meta.source = source;
    } else if (o.error.source === source) o.error.source = source;
  });
  return outcomes;
}
