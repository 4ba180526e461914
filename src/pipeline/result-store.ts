import type { ApplicantList, ApplicantResult } from '../model/report.js';
import { LEVELS, levelRank, type Level } from '../model/levels.js';
import { forcedSpillAfter, parseSpilled, SpillFile } from '../util/spill-file.js';
import { Column } from '../util/column.js';

/**
 * Results kept in memory up to this many applicants (small runs and a single check are as before:
 * no file, no serialising); past it every result goes to an encrypted spill file (util/spill-file.ts).
 * A thousand-odd results are a few megabytes: enough that tests and everyday runs never spill.
 */
const SPILL_AFTER = 4096;
/** Results read back in one go when read in order (a format's pass over every applicant). */
const READ_AHEAD = 1 << 20;

/**
 * Every applicant's result, appended as it is decided (docs/batch.md "Memory"). Held as objects
 * while few; once past the threshold each is written as JSON to the spill file (a result is JSON
 * data, as in the JSON report: every format writes the same bytes, test/e2e/spill-identical), and
 * memory keeps 21 bytes per applicant (offset, length, level, score, in chunked columns: util/column.ts). That
 * is enough to sort worst-first without reading a result back; a format's pass in input order
 * reads results back in 1 MB blocks.
 * A result changed after it was stored (links) is put back with `replace`: appended again, and its
 * offset moved.
 */
export class ResultStore {
  private held: ApplicantResult[] = [];
  private spill: SpillFile | undefined;
  private count = 0;
  private readonly offsets = new Column(Float64Array);
  private readonly lengths = new Column(Uint32Array);
  private readonly levels = new Column(Uint8Array);
  private readonly scores = new Column(Float64Array);

  constructor(private readonly spillAfter = forcedSpillAfter() ?? SPILL_AFTER) {}

  get length(): number {
    return this.count;
  }

  /** Whether results are on disk (then results read back are fresh copies, not the stored objects). */
  get spilled(): boolean {
    return this.spill !== undefined;
  }

  /** Appends a result; returns its ordinal. */
  append(r: ApplicantResult): number {
    const ordinal = this.count++;
    if (!this.spill) {
      this.held.push(r);
      if (this.held.length > this.spillAfter) this.spillAll();
      return ordinal;
    }
    this.put(ordinal, r);
    return ordinal;
  }

  /** The result at `ordinal`: the stored object while in memory, else read back (a fresh copy). */
  get(ordinal: number): ApplicantResult | undefined {
    if (ordinal < 0 || ordinal >= this.count || !Number.isInteger(ordinal)) return undefined;
    if (!this.spill) return this.held[ordinal];
    return parseSpilled<ApplicantResult>(this.spill.read(this.offsets.get(ordinal), this.lengths.get(ordinal)));
  }

  /** Stores a changed result (links patched it): in memory it is the same object; on disk it is written again. */
  replace(ordinal: number, r: ApplicantResult): void {
    if (!this.spill) {
      this.held[ordinal] = r;
      return;
    }
    this.put(ordinal, r);
  }

  /** The results as a report's applicant list: the array itself while in memory, else a view that reads back. */
  list(): ApplicantList {
    if (!this.spill) return this.held;
    return new SpilledApplicants(this);
  }

  /** Closes the spill file (it is already unlinked; this frees the descriptor). */
  close(): void {
    this.spill?.close();
  }

  levelOf(ordinal: number): Level {
    return this.spill ? LEVELS[this.levels.get(ordinal)]! : this.held[ordinal]!.level;
  }

  scoreOf(ordinal: number): number {
    return this.spill ? this.scores.get(ordinal) : this.held[ordinal]!.score;
  }

  /** Results from `from` on, in order, read back a block at a time. */
  *inOrder(from = 0): Generator<ApplicantResult> {
    if (!this.spill) {
      for (let i = from; i < this.count; i++) yield this.held[i]!;
      return;
    }
    const spill = this.spill;
    let i = from;
    while (i < this.count) {
      // Results stored one after another are read in one go (those put back after links are not).
      const start = this.offsets.get(i);
      let end = start + this.lengths.get(i);
      let j = i + 1;
      while (j < this.count && this.offsets.get(j) === end && end - start < READ_AHEAD) end += this.lengths.get(j++);
      const block = spill.read(start, end - start);
      for (let k = i; k < j; k++) {
        const at = this.offsets.get(k) - start;
        yield parseSpilled<ApplicantResult>(block, at, at + this.lengths.get(k));
      }
      i = j;
    }
  }

  private spillAll(): void {
    this.spill = new SpillFile('results');
    const held = this.held;
    this.held = [];
    held.forEach((r, i) => this.put(i, r));
  }

  private put(ordinal: number, r: ApplicantResult): void {
    const { at, length } = this.spill!.appendJson(r);
    this.offsets.set(ordinal, at);
    this.lengths.set(ordinal, length);
    this.levels.set(ordinal, levelRank(r.level));
    this.scores.set(ordinal, r.score);
  }
}

/** A spilled store as a report's applicants: read-only, each result read back when asked for. */
class SpilledApplicants implements ApplicantList {
  constructor(private readonly store: ResultStore) {}

  get length(): number {
    return this.store.length;
  }

  at(index: number): ApplicantResult | undefined {
    return this.store.get(index < 0 ? this.store.length + index : index);
  }

  levelOf(index: number): Level {
    return this.store.levelOf(index);
  }

  scoreOf(index: number): number {
    return this.store.scoreOf(index);
  }

  [Symbol.iterator](): Iterator<ApplicantResult> {
    return this.store.inOrder();
  }
}
