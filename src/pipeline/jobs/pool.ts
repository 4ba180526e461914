import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { InputRecord } from '../../read/input-record.js';
import { internalError } from '../check-record.js';
import type { BatchOutcome } from './batch-check.js';
import { toWire, type WorkerReply, type WorkerSetup } from './wire.js';

/** --jobs: how many threads check records, and what the workers load. */
export interface JobsSetup {
  /** Threads that check records, this one included: `count - 1` workers are started. */
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
  /** Replies come on this port, so that they can be taken synchronously (drain) as well as by event. */
  port: MessagePort;
  pending: Map<number, Pending>;
  alive: boolean;
}

/**
 * Groups a worker may hold at once: one being checked and some waiting, so that it never idles
 * while this thread is busy checking a group of its own and reading the next ones.
 */
export const IN_FLIGHT_PER_WORKER = 3;

/**
 * A worker's old-generation heap, in MB. Left to itself V8 sizes each isolate's heap from the
 * machine's memory (4 GB here) and lets it grow well past what checking holds (about 50 MB: rules,
 * phone metadata, a group in hand); capped, it collects sooner: 30–40 MB less RSS per worker for a
 * few per cent of CPU. A record too big for it costs the worker, never the record: a worker out of
 * memory has its records checked in this thread (whose heap is not capped) and is replaced.
 */
export const WORKER_HEAP_MB = 256;

/**
 * A worker's young generation, in MB (V8's default here: 32, and every thread has its own). What a
 * worker allocates dies young, mostly within a group, so a smaller nursery costs little: measured
 * on 30 000 records, 25 MB less RSS for 3 % more CPU.
 */
export const WORKER_YOUNG_MB = 16;

/** Workers started in place of ones that ran out of memory, at most (then this thread checks). */
const MAX_REPLACEMENTS = 8;

/**
 * Worker threads that check groups of records, this thread being one of them: a group goes to the
 * worker with the fewest in hand, or is checked here at once when every worker already holds
 * IN_FLIGHT_PER_WORKER. So `--jobs 2` is one worker beside this thread — on two cores, two isolates
 * (each with its heaps, code, rules and data) rather than three, with this thread's reading in the
 * gaps. `submit` answers each group with its outcomes, in whatever order they are made; the
 * caller awaits them in the order it sent them. A worker that dies answers every record it held
 * with that record's internal error (the run goes on with the others, and every record is still
 * accounted for); one that could not load its rules, or ran out of memory, has its records checked
 * here instead. With no worker left, groups are checked in this thread.
 */
export class CheckerPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private turn = 0;
  private closing = false;
  private replacements = 0;

  constructor(
    private readonly setup: JobsSetup,
    private readonly inThread: (records: InputRecord[]) => BatchOutcome[],
  ) {
    for (let i = 1; i < setup.count; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const { port1: port, port2: theirs } = new MessageChannel();
    const worker = new Worker(this.setup.workerFile, {
      workerData: { ...this.setup.workerData, port: theirs },
      transferList: [theirs],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    const slot: Slot = { worker, port, pending: new Map(), alive: true };
    port.on('message', (m: WorkerReply) => this.take(slot, m));
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY') return this.lose(slot, e.message, false);
      // Its records are checked here, where the heap is not capped; a fresh worker takes its place.
      this.lose(slot, e.message, true);
      if (this.closing || this.replacements >= MAX_REPLACEMENTS) return;
      this.replacements++;
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.spawn();
      this.setup.onNotice?.('a worker thread ran out of memory: its records were checked in the main thread, and a new worker took its place');
    });
    worker.on('exit', (code) => {
      if (!this.closing) this.lose(slot, `it exited with code ${code}`, false);
    });
    return slot;
  }

  private take(slot: Slot, m: WorkerReply): void {
    if (m.type === 'failed') {
      this.setup.onNotice?.(`a worker thread could not start (${m.message}); its records are checked by the others`);
      this.lose(slot, m.message, true);
      return;
    }
    const p = slot.pending.get(m.id);
    if (!p) return;
    slot.pending.delete(m.id);
    p.resolve(ownSources(p.records, m.outcomes));
  }

  /**
   * Replies already sent, taken now rather than when the event loop next turns: this thread checks
   * groups too, synchronously, and a worker whose answers wait for it would run out of work.
   */
  private drain(): void {
    for (const slot of this.slots) {
      // `take` may lose the slot (a worker that could not start): its port is closed then.
      while (slot.alive) {
        const m = receiveMessageOnPort(slot.port);
        if (!m) break;
        this.take(slot, m.message as WorkerReply);
      }
    }
  }

  /** The records a worker held are answered now: with their internal errors, or checked here. */
  private lose(slot: Slot, why: string, recheck: boolean): void {
    if (!slot.alive) return;
    slot.alive = false;
    slot.port.close();
    void slot.worker.terminate();
    for (const p of slot.pending.values()) {
      p.resolve(recheck ? this.inThread(p.records) : p.records.map((r) => stopped(r, why)));
    }
    slot.pending.clear();
  }

  submit(records: InputRecord[]): Promise<BatchOutcome[]> {
    this.drain();
    const slot = this.pick();
    if (!slot || slot.pending.size >= IN_FLIGHT_PER_WORKER) return Promise.resolve(this.inThread(records));
    const id = this.nextId++;
    return new Promise((resolve) => {
      slot.pending.set(id, { records, resolve });
      try {
        slot.port.postMessage({ id, records: records.map(toWire) });
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
    for (const s of this.slots) s.port.close();
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
