import { isInputError, type ErrorList, type RunError } from '../model/report.js';
import { SpilledList } from '../util/spilled-list.js';

/**
 * The records a batch could not check. Each is counted and kept for the report, but past a few
 * thousand on disk (an encrypted spill file, like the results and the links), not in the heap:
 * a file of ten million broken lines makes ten million errors, and holding them as objects ran
 * out of memory. Inputs that held no record (isInputError) are counted as they come, so the
 * summary need not read the list back.
 */
export class RunErrors implements ErrorList {
  private readonly list = new SpilledList<RunError>('errors');
  private unreadable = 0;

  get length(): number {
    return this.list.length;
  }

  get inputErrors(): number {
    return this.unreadable;
  }

  push(e: RunError): void {
    if (isInputError(e)) this.unreadable++;
    this.list.push(e);
  }

  at(index: number): RunError | undefined {
    return this.list.at(index);
  }

  [Symbol.iterator](): Iterator<RunError> {
    return this.list[Symbol.iterator]();
  }

  /** Frees the spill file, once the report is written. */
  close(): void {
    this.list.close();
  }
}
